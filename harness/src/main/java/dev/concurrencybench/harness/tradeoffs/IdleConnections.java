package dev.concurrencybench.harness.tradeoffs;

import dev.concurrencybench.harness.proc.ProcReader;
import dev.concurrencybench.harness.proc.ProcSample;
import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.harness.run.ServerProcess;
import dev.concurrencybench.report.results.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Memory per concurrent task, as the article means it: what one more idle keep-alive connection costs a server.
 * A fresh server is started for each connection count (the thread pool with as many threads as connections, the
 * article's model of one OS thread per task); warm-up connections are opened and closed first, so class loading
 * and JIT are not charged to connections (the thread pool's baseline comes from a 1-thread server, since it starts
 * its threads up front); then {@code n} connections each send one {@code GET /plaintext}, read the
 * answer and stay open, idle. The figures are deltas over the baseline divided by {@code n}: resident memory from
 * {@code /proc} (thread stacks and other native memory; the heap is committed up front by {@code -Xms}, so heap growth
 * barely shows in RSS) and live heap from a class histogram (which runs a full GC, so only reachable objects count).
 *
 * <p>Threading: {@link #measure} runs on the caller's thread and opens connections one after another (bounded by
 * {@code n}, each with a 10 s socket timeout).
 */
final class IdleConnections {

    private static final int WARMUP_CONNECTIONS = 200;
    private static final byte[] REQUEST =
            "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param server       server id
     * @param connections  idle connections held open
     * @param rssBytesPerConnection     extra resident memory per connection, bytes
     * @param heapBytesPerConnection    extra live heap per connection, bytes
     * @param threadsBefore server threads before the connections
     * @param threadsAfter  server threads with them open
     * @param dir          the raw files (server.log, memory.json)
     */
    record Result(String server, int connections, double rssBytesPerConnection, double heapBytesPerConnection,
                  int threadsBefore, int threadsAfter, Path dir) {
    }

    private IdleConnections() {
    }

    static Result measure(ServerLauncher launcher, String server, int n, Path dir, PrintStream out)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // The thread pool starts all its threads at start-up (prestartAllCoreThreads), so a baseline taken in the
        // n-thread server would already hold the n threads the article charges to the n tasks: its baseline is taken
        // in a 1-thread server started and warmed the same way.
        Snapshot base = null;
        if (server.equals("threadpool")) {
            Path baseDir = Files.createDirectories(dir.resolve("baseline-1-thread"));
            try (ServerProcess p = startWarm(launcher, server, 1, baseDir)) {
                base = Snapshot.of(p.pid());
            }
        }
        List<Socket> open = new ArrayList<>(n);
        try (ServerProcess p = startWarm(launcher, server, n, dir)) {
            try {
                return holdAndMeasure(p, server, n, base, open, dir, out);
            } finally {
                // Close the clients before the server is stopped: a graceful stop would otherwise wait for them.
                for (Socket s : open) s.close();
            }
        }
    }

    private static Result holdAndMeasure(ServerProcess p, String server, int n, Snapshot base, List<Socket> open,
                                         Path dir, PrintStream out) throws IOException, InterruptedException {
        Snapshot before = base != null ? base : Snapshot.of(p.pid());
        for (int i = 0; i < n; i++) {
            open.add(connectAndAsk(p.port()));
            if ((i + 1) % 1000 == 0) out.printf("  %s: %d/%d idle connections open%n", server, i + 1, n);
        }
        Thread.sleep(1000); // let threads created for the last connections reach their blocking read
        Snapshot after = Snapshot.of(p.pid());
        if (!p.alive()) throw new IOException(server + " died holding " + n + " connections (see server.log)");
        Result r = new Result(server, n, (after.rss() - before.rss()) / (double) n,
                (after.heap() - before.heap()) / (double) n, before.threads(), after.threads(), dir);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("server", server);
        raw.put("connections", n);
        raw.put("baselineFrom", base != null ? "a 1-thread server (baseline-1-thread/)" : "the same server");
        raw.put("before", before);
        raw.put("after", after);
        raw.put("rssBytesPerConnection", r.rssBytesPerConnection());
        raw.put("heapBytesPerConnection", r.heapBytesPerConnection());
        Json.write(dir.resolve("memory.json"), raw);
        return r;
    }

    /**
     * Resident memory, live heap and threads of a server process.
     *
     * @param rss     resident set size, bytes
     * @param heap    live heap after a full GC, bytes
     * @param threads threads of the process
     */
    record Snapshot(long rss, long heap, int threads) {
        static Snapshot of(long pid) throws IOException {
            long heap = Jcmd.liveHeapBytes(pid); // first: its full GC settles the heap before RSS is read
            ProcSample s = ProcReader.read(pid);
            return new Snapshot(s.rssBytes(), heap, s.threads());
        }
    }

    /** A server (the thread pool with {@code threads} workers) that has served and closed warm-up connections. */
    private static ServerProcess startWarm(ServerLauncher launcher, String server, int threads, Path dir)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        List<String> cmd = new ArrayList<>(launcher.command(server, port, false, dir.resolve("stages.hlog"),
                dir.resolve("gc.log")));
        if (server.equals("threadpool")) cmd.addAll(List.of("--threads", Integer.toString(threads)));
        ServerProcess p = ServerProcess.start(server, port, cmd, dir.resolve("server.log"));
        try {
            p.awaitReady(false, 30_000_000_000L);
            for (int i = 0; i < WARMUP_CONNECTIONS; i++) {
                try (Socket s = connectAndAsk(port)) {
                    s.shutdownOutput();
                }
            }
            Thread.sleep(500);
            return p;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** One connection that has sent a request and read the whole response, left open (keep-alive). */
    private static Socket connectAndAsk(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoTimeout(10_000);
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.getOutputStream().write(REQUEST);
            readUntilBody(s.getInputStream());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static void readUntilBody(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int len = 0;
        while (len < buf.length) {
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) throw new IOException("connection closed before the response ended");
            len += r;
            if (endsWith(buf, len, BODY)) return;
        }
        throw new IOException("response larger than expected");
    }

    private static boolean endsWith(byte[] buf, int len, byte[] suffix) {
        if (len < suffix.length) return false;
        for (int i = 0; i < suffix.length; i++) {
            if (buf[len - suffix.length + i] != suffix[i]) return false;
        }
        return true;
    }
}

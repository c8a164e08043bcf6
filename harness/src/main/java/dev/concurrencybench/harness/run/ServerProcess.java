package dev.concurrencybench.harness.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One server JVM started by the orchestrator. Every live instance is tracked so that a shutdown hook (Ctrl-C,
 * SIGTERM) can stop them all: no orphan server outlives {@code bench}. Thread-safe.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            stopAll();
        }, "stop-servers"));
    }

    private final String id;
    private final int port;
    private final Process process;
    private final long launchedNanos;

    private ServerProcess(String id, int port, Process process, long launchedNanos) {
        this.id = id;
        this.port = port;
        this.process = process;
        this.launchedNanos = launchedNanos;
    }

    /**
     * Starts a server; its stdout and stderr go to {@code log}.
     *
     * @param id      server id
     * @param port    the port it was told to listen on
     * @param command full command line
     * @param log     server.log
     */
    public static ServerProcess start(String id, int port, List<String> command, Path log) throws IOException {
        long launched = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        ServerProcess s = new ServerProcess(id, port, p, launched);
        LIVE.add(s);
        // a server launched while the shutdown hook runs would be missed by it: check after registering
        if (shuttingDown) {
            s.stop();
            throw new IOException("shutting down");
        }
        return s;
    }

    /** A port that was free a moment ago (bind to 0, read, close). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** When the JVM was launched, nanoTime ns: JVM uptime 0 (within a few ms), for reading its GC log. */
    public long launchedNanos() {
        return launchedNanos;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits until the server accepts a TCP connection and answers {@code GET /plaintext} with a status line.
     *
     * @param tls           talk TLS
     * @param deadlineNanos give up after this long, ns
     * @throws IOException when the process died or the deadline passed
     */
    public void awaitReady(boolean tls, long deadlineNanos) throws IOException {
        long deadline = System.nanoTime() + deadlineNanos;
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IOException(id + " exited with code " + process.exitValue() + " before it was ready (see server.log)");
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException e) {
                last = e;
                sleep(50);
                continue;
            }
            try {
                ResponseVerifier.fetch(port, tls, "/plaintext");
                return;
            } catch (IOException e) {
                last = e;
                sleep(50);
            }
        }
        throw new IOException(id + " not ready on port " + port + " after " + deadlineNanos / 1_000_000_000 + " s"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * Graceful stop: SIGTERM, up to 10 s for the server to finish (and write its stage log), then SIGKILL.
     *
     * @return the exit code, or -1 when it had to be killed
     */
    public int stop() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return -1;
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            LIVE.remove(this);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops every server still running; used by the shutdown hook. */
    public static void stopAll() {
        for (ServerProcess s : List.copyOf(LIVE)) {
            s.stop();
        }
    }
}

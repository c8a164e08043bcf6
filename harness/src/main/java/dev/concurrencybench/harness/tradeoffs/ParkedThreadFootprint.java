package dev.concurrencybench.harness.tradeoffs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What one parked thread costs: committed stack memory (NMT) and live heap (class histogram) per thread, for
 * {@code N} platform threads against {@code N} virtual threads parked in {@code LockSupport.park}. The threads live in
 * a child JVM started with Native Memory Tracking; the parent measures it with {@link Jcmd} before and after they are
 * parked, so the measuring code is never part of what is measured.
 *
 * <p>The child speaks a line protocol on stdin/stdout: it prints {@code ready}, waits for {@code park}, parks the
 * threads, prints {@code parked}, waits for {@code exit}.
 *
 * <p>Threading: {@link #measure} blocks its caller for the child's lifetime (a few seconds).
 */
public final class ParkedThreadFootprint {

    /**
     * Per-thread figures.
     *
     * @param kind             {@code platform} or {@code virtual}
     * @param threads          how many were parked
     * @param stackBytesPerThread committed thread-stack bytes per parked thread (NMT delta / threads)
     * @param heapBytesPerThread  live heap bytes per parked thread (histogram delta / threads)
     */
    public record Result(String kind, int threads, double stackBytesPerThread, double heapBytesPerThread) {
    }

    private ParkedThreadFootprint() {
    }

    /** Starts the child JVM, parks {@code threads} threads of {@code kind} in it, and measures. */
    public static Result measure(String kind, int threads) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:NativeMemoryTracking=summary", "-Xms256m", "-Xmx256m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), ParkedThreadFootprint.class.getName(), kind,
                Integer.toString(threads)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer out = p.outputWriter(StandardCharsets.UTF_8)) {
            expect(in, "ready");
            long heap0 = Jcmd.liveHeapBytes(p.pid());
            long stack0 = Jcmd.threadStacks(p.pid())[0];
            out.write("park\n");
            out.flush();
            expect(in, "parked");
            long heap1 = Jcmd.liveHeapBytes(p.pid());
            long stack1 = Jcmd.threadStacks(p.pid())[0];
            out.write("exit\n");
            out.flush();
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IOException("the parked-thread JVM did not exit");
            return new Result(kind, threads, (stack1 - stack0) / (double) threads, (heap1 - heap0) / (double) threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void expect(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (!word.equals(line)) throw new IOException("parked-thread JVM said '" + line + "', expected '" + word + "'");
    }

    /** The child: {@code platform|virtual N}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        if (!kind.equals("platform") && !kind.equals("virtual")) throw new IllegalArgumentException(kind);
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread.Builder builder = kind.equals("platform") ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
        // Warm the thread machinery (and, for virtual threads, the scheduler's carriers) before the baseline.
        builder.start(() -> { }).join();
        CountDownLatch parked = new CountDownLatch(n);
        out.println("ready");
        out.flush();
        if (!"park".equals(in.readLine())) return;
        List<Thread> threads = new ArrayList<>(n);
        Object blocker = new Object();
        for (int i = 0; i < n; i++) {
            threads.add(builder.start(() -> {
                parked.countDown();
                while (true) LockSupport.park(blocker); // parked until the JVM exits; spurious wake-ups re-park
            }));
        }
        parked.await();
        Thread.sleep(200); // let the last threads actually reach park() after counting down
        out.println("parked");
        out.flush();
        in.readLine();
        System.exit(threads.size() == n ? 0 : 1);
    }
}

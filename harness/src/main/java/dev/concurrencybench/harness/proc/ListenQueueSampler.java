package dev.concurrencybench.harness.proc;

import dev.concurrencybench.report.results.ListenQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the server's own listening socket about once a second on a daemon thread, with
 * {@code ss -ltnmH 'sport = :PORT'}: {@code Recv-Q} is its accept queue, {@code Send-Q} the backlog, and the
 * {@code skmem} field {@code d<n>} the socket's drop counter, which the kernel raises for every connection attempt
 * it refuses because that queue is full ({@code tcp_listendrop}). Only this socket: not the host-wide
 * {@code ListenOverflows}, which every other listener on the machine also raises. Several listeners on the port
 * (IPv4 and IPv6, or {@code SO_REUSEPORT} loops) are summed. Thread-safe.
 */
public final class ListenQueueSampler implements AutoCloseable {

    private static final Pattern LISTEN = Pattern.compile("^LISTEN\\s+(\\d+)\\s+(\\d+)\\s", Pattern.MULTILINE);
    private static final Pattern DROPS = Pattern.compile("skmem:\\([^)]*\\bd(\\d+)\\)");

    private final int port;
    private final Thread thread;
    private volatile boolean stop;
    private long backlog;
    private long maxQueued;
    private int samples;
    private int fullSamples;
    private long firstDrops = -1;
    private long lastDrops;
    private boolean failed;

    /**
     * Starts sampling.
     *
     * @param port the server's listening port
     */
    public ListenQueueSampler(int port) {
        this.port = port;
        thread = Thread.ofPlatform().daemon().name("listen-queue-" + port).start(this::loop);
    }

    /** True when {@code ss} (iproute2) can be run. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("ss", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void loop() {
        while (!stop) {
            sample();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one reading now. */
    public void sample() {
        String out;
        try {
            Process p = new ProcessBuilder("ss", "-ltnmH", "sport = :" + port).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                synchronized (this) {
                    failed = true;
                }
                return;
            }
        } catch (IOException e) {
            synchronized (this) {
                failed = true;
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        record(out);
    }

    /** Adds one {@code ss -ltnmH} output to the figures (visible for tests). */
    synchronized void record(String ssOutput) {
        Matcher m = LISTEN.matcher(ssOutput);
        long queued = 0;
        long bound = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            queued += Long.parseLong(m.group(1));
            bound += Long.parseLong(m.group(2));
        }
        if (!any) {
            return; // the server is not listening (any more)
        }
        long drops = 0;
        Matcher d = DROPS.matcher(ssOutput);
        while (d.find()) {
            drops += Long.parseLong(d.group(1));
        }
        samples++;
        backlog = Math.max(backlog, bound);
        maxQueued = Math.max(maxQueued, queued);
        if (queued >= bound && bound > 0) {
            fullSamples++;
        }
        if (firstDrops < 0) {
            firstDrops = drops;
        }
        lastDrops = Math.max(lastDrops, drops);
    }

    /** The figures so far, or null when {@code ss} never gave a reading. */
    public synchronized ListenQueue result() {
        if (samples == 0) {
            return null;
        }
        return new ListenQueue("ss -ltnm 'sport = :" + port + "' (Recv-Q, Send-Q, skmem drops)", backlog, maxQueued,
                samples, fullSamples, Math.max(0, lastDrops - firstDrops));
    }

    /** True when running {@code ss} failed at least once. */
    public synchronized boolean failed() {
        return failed;
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

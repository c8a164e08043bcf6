package dev.concurrencybench.harness.proc;

import dev.concurrencybench.report.results.ServerMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples a process once a second on its own daemon thread, appending each sample to {@code proc.csv}, and
 * turns the samples into {@link ServerMetrics} for a measurement window (CPU and counters interpolated linearly
 * at the window's edges). Thread-safe.
 */
public final class ProcSampler implements AutoCloseable {

    private final long pid;
    private final List<ProcSample> samples = new ArrayList<>();
    private final Thread thread;
    private final PrintStream csv;
    private final StringBuilder line = new StringBuilder(128);
    private volatile boolean stop;

    /**
     * Starts sampling.
     *
     * @param pid     the server process
     * @param csvFile where each sample is appended as a CSV line
     */
    public ProcSampler(long pid, Path csvFile) throws IOException {
        this.pid = pid;
        this.csv = new PrintStream(csvFile.toFile(), "UTF-8");
        csv.println("nanoTime,cpuMicros,rssBytes,hwmBytes,threads,voluntaryCtxSwitches,involuntaryCtxSwitches,"
                + "listenOverflows,listenDrops");
        thread = Thread.ofPlatform().daemon().name("proc-sampler-" + pid).start(this::loop);
    }

    private void loop() {
        while (!stop) {
            sample(true);
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one sample now (also called at the edges of a measurement). */
    public void sample() {
        sample(false);
    }

    /**
     * Takes one sample; the sampling thread yields the CPU between files ({@link ProcReader#read(long, boolean)}),
     * as it shares its CPU with the driver.
     */
    private synchronized void sample(boolean yield) {
        if (!ProcReader.available()) {
            return;
        }
        try {
            ProcSample s = ProcReader.read(pid, yield);
            samples.add(s);
            // no printf: this runs every second on the driver's CPU, and Formatter is a lot of code for the JIT
            line.setLength(0);
            line.append(s.nanoTime()).append(',').append(s.cpuMicros()).append(',').append(s.rssBytes()).append(',')
                    .append(s.hwmBytes()).append(',').append(s.threads()).append(',')
                    .append(s.voluntaryContextSwitches()).append(',').append(s.involuntaryContextSwitches()).append(',')
                    .append(s.listenOverflows()).append(',').append(s.listenDrops()).append(System.lineSeparator());
            csv.append(line);
            csv.flush();
        } catch (IOException | RuntimeException e) {
            // the process has exited; the samples so far stand
        }
    }

    /**
     * The server's metrics over a window.
     *
     * @param fromNanos  window start, nanoTime ns
     * @param toNanos    window end, nanoTime ns
     * @param requests   successful responses in the window (for per-request figures)
     * @param gc         GC pauses in the window
     * @return the metrics, or null when there are fewer than two samples
     */
    public synchronized ServerMetrics metrics(long fromNanos, long toNanos, long requests, GcLog.Pauses gc) {
        if (samples.size() < 2) {
            return null;
        }
        long peak = 0;
        int maxThreads = 0;
        for (ProcSample s : samples) {
            if (s.nanoTime() - fromNanos >= -1_000_000_000L && s.nanoTime() - toNanos <= 1_000_000_000L) {
                peak = Math.max(peak, Math.max(s.rssBytes(), s.hwmBytes()));
                maxThreads = Math.max(maxThreads, s.threads());
            }
        }
        double[] a = at(fromNanos);
        double[] b = at(toNanos);
        long cpu = Math.round(b[0] - a[0]);
        long vol = Math.round(b[1] - a[1]);
        long invol = Math.round(b[2] - a[2]);
        long per = Math.max(requests, 1);
        return new ServerMetrics(cpu, round1((double) cpu / per), peak, maxThreads, vol, invol,
                Math.round((double) (vol + invol) / per * 1000) / 1000.0, Math.round(b[3] - a[3]),
                Math.round(b[4] - a[4]), gc.count(), gc.totalMillis(), gc.maxMillis());
    }

    /**
     * The highest resident set size (with VmHWM) and the most threads over every sample so far.
     *
     * @return {rss bytes, threads}, or null when there is no sample
     */
    public synchronized long[] peak() {
        if (samples.isEmpty()) {
            return null;
        }
        long rss = 0;
        long threads = 0;
        for (ProcSample s : samples) {
            rss = Math.max(rss, s.rssBytes());
            threads = Math.max(threads, s.threads());
        }
        return new long[] {rss, threads};
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Counters at time t, linearly interpolated between the samples around it. */
    private double[] at(long t) {
        ProcSample before = samples.get(0);
        ProcSample after = samples.get(samples.size() - 1);
        for (ProcSample s : samples) {
            if (s.nanoTime() - t <= 0) {
                before = s;
            } else {
                after = s;
                break;
            }
        }
        double w = after.nanoTime() == before.nanoTime() ? 0
                : Math.clamp((double) (t - before.nanoTime()) / (after.nanoTime() - before.nanoTime()), 0, 1);
        return new double[] {
            lerp(before.cpuMicros(), after.cpuMicros(), w),
            lerp(before.voluntaryContextSwitches(), after.voluntaryContextSwitches(), w),
            lerp(before.involuntaryContextSwitches(), after.involuntaryContextSwitches(), w),
            lerp(before.listenOverflows(), after.listenOverflows(), w),
            lerp(before.listenDrops(), after.listenDrops(), w)};
    }

    private static double lerp(long a, long b, double w) {
        return a + (b - a) * w;
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            csv.close();
        }
    }
}

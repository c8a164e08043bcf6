package dev.concurrencybench.harness.ratio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of a set of processes (a JVM; nginx's master and worker) sampled on a daemon thread a few times a
 * second, so that the CPU spent inside a measurement window can be read by linear interpolation at the window's
 * exact edges (the load is constant there, so the error is tiny).
 *
 * <p>The time comes from each thread's {@code /proc/PID/task/TID/schedstat} (nanoseconds on the CPU), summed, when
 * the kernel has it: {@code utime + stime} from {@code /proc/PID/stat} is in clock ticks of 10 ms, which over a
 * 5 s window at 20,000 req/s (about a second of CPU) would be an error of up to 2 %. Without schedstat it falls back
 * to {@code /proc/PID/stat}. Threads that exit inside the window take their time with them; the servers measured
 * here keep their threads.
 *
 * <p>Threading: {@link #cpuMicrosAt} and {@link #close} from any thread; samples are taken by the sampler's own.
 */
public final class ProcessCpu implements AutoCloseable {

    private static final long PERIOD_MILLIS = 100;

    private final List<Long> pids;
    private final List<long[]> samples = new ArrayList<>(); // {nanoTime, cpuMicros}
    private final Thread thread;
    private volatile boolean stop;

    /** Starts sampling {@code pids}; the first sample is taken before this returns. */
    public ProcessCpu(List<Long> pids) {
        this.pids = List.copyOf(pids);
        sample();
        thread = Thread.ofPlatform().daemon().name("ratio-cpu-sampler").start(this::loop);
    }

    private void loop() {
        while (!stop) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** Takes one sample now. */
    public void sample() {
        long now = System.nanoTime();
        long cpu = 0;
        for (long pid : pids) {
            cpu += cpuMicros(pid);
        }
        synchronized (samples) {
            samples.add(new long[] {now, cpu});
        }
    }

    /** CPU µs of all the processes at {@code nanoTime}, interpolated between the samples around it. */
    public double cpuMicrosAt(long nanoTime) {
        synchronized (samples) {
            return interpolate(samples, nanoTime);
        }
    }

    /** Linear interpolation in {@code {time, value}} pairs sorted by time; clamped at both ends. */
    static double interpolate(List<long[]> points, long t) {
        long[] before = points.get(0);
        long[] after = points.get(points.size() - 1);
        for (long[] p : points) {
            if (p[0] - t <= 0) {
                before = p;
            } else {
                after = p;
                break;
            }
        }
        if (after[0] == before[0]) return before[1];
        double w = Math.clamp((double) (t - before[0]) / (after[0] - before[0]), 0, 1);
        return before[1] + (after[1] - before[1]) * w;
    }

    /** CPU µs of one process (all its threads) so far; 0 when it is gone. */
    static long cpuMicros(long pid) {
        Path task = Path.of("/proc", Long.toString(pid), "task");
        long nanos = 0;
        boolean any = false;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(task)) {
            for (Path t : threads) {
                try {
                    String s = Files.readString(t.resolve("schedstat"), StandardCharsets.US_ASCII);
                    nanos += Long.parseLong(s.substring(0, s.indexOf(' ')));
                    any = true;
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we listed it, or no schedstat: see below
                }
            }
        } catch (IOException e) {
            return 0;
        }
        if (any) return nanos / 1_000;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000; // USER_HZ 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
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
    }
}

package dev.concurrencybench.harness.run;

import dev.concurrencybench.harness.proc.ProcReader;
import dev.concurrencybench.harness.proc.ProcSampler;
import dev.concurrencybench.loadgen.driver.DriverWarmup;
import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.Counts;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import dev.concurrencybench.loadgen.output.LiveLine;
import dev.concurrencybench.loadgen.output.MeasurementFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The driver's self-warm-up as every command that drives load runs it ({@link DriverWarmup}), with the same
 * kind of interval listener its measurements have (interval files and the live line, here into a temporary
 * directory and nowhere). That listener runs on the driver's thread once a second, which is far too rarely for
 * the JIT to finish compiling it within a measurement: left alone, it would be compiled bit by bit during the
 * measurements, by compiler threads sharing the driver's CPU. So the warm-up also feeds it a few hundred
 * synthetic intervals. Its results are discarded.
 */
public final class SelfWarmup {

    /** How long the driver warms itself. */
    public static final long NANOS = 3_000_000_000L;

    private SelfWarmup() {
    }

    /** Intervals fed to the listener: enough for its loops and most of its calls to be compiled. */
    static final int LISTENER_INTERVALS = 600;

    /** Warms the driver, announcing it on {@code out}. */
    public static void run(PrintStream out) throws IOException {
        out.printf("driver self-warm-up: %.0f s against the in-process bench responder (discarded)%n", NANOS / 1e9);
        out.flush();
        Path dir = Files.createTempDirectory("bench-warmup-");
        // the live line goes to a file through the same stream classes as System.out, so the compiled listener
        // does not meet a new type when it first prints to the console
        try (PrintStream nowhere = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(dir.resolve("live.txt").toFile())), false, "UTF-8");
             MeasurementFiles files = new MeasurementFiles(dir, new LiveLine(nowhere, "warm-up"))) {
            DriverWarmup.run(NANOS, files);
            warmListener(files);
            warmProcReader(dir);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Synthetic intervals of three shapes (narrow and fast, spread from microseconds to seconds, a handful of
     * values), so the encoder meets the kinds of histograms real intervals have.
     */
    private static void warmListener(Interval.Listener listener) {
        SplittableRandom random = new SplittableRandom(1);
        Histogram[][] shapes = new Histogram[3][3];
        for (int shape = 0; shape < 3; shape++) {
            for (int k = 0; k < 3; k++) {
                Histogram h = new Histogram(1, 60_000_000, 3);
                int n = shape == 2 ? 5 : 2_000;
                for (int i = 0; i < n; i++) {
                    double u = random.nextDouble();
                    h.recordValue(shape == 1 ? (long) Math.pow(10, u * 7) : 1 + (long) (-Math.log(1 - u) * (k == 2 ? 5 : 300)));
                }
                h.setTag(k == 0 ? "corrected" : k == 1 ? "uncorrected" : "lag");
                shapes[shape][k] = h;
            }
        }
        long now = System.currentTimeMillis();
        Counts counts = new Counts(2_000, 0, 0, 0, 0, 0, 0, 125);
        for (int i = 0; i < LISTENER_INTERVALS; i++) {
            Histogram[] h = shapes[i % 3];
            for (Histogram x : h) {
                x.setStartTimeStamp(now + i * 1_000L);
                x.setEndTimeStamp(now + (i + 1) * 1_000L);
            }
            listener.onInterval(new Interval(i, (i + 1) * 1_000_000_000L, h[0], h[1], h[2], Map.of(), counts, false));
        }
    }

    /**
     * {@code bench run} samples each server from {@code /proc} once a second, in this JVM, on the driver's CPU
     * (hundreds of small files for a server with hundreds of threads): compiled during a measurement, that code
     * would keep the JIT busy on the driver's CPU for a second or more. Reading this JVM a few hundred times
     * compiles it now.
     */
    private static void warmProcReader(Path dir) throws IOException {
        if (!ProcReader.available()) {
            return;
        }
        long self = ProcessHandle.current().pid();
        for (int i = 0; i < PROC_READS; i++) {
            ProcReader.read(self, i % 2 == 0); // both ways: the sampler's thread yields, the edge samples do not
        }
        try (ProcSampler sampler = new ProcSampler(self, dir.resolve("proc.csv"))) {
            for (int i = 0; i < PROC_READS / 2; i++) {
                sampler.sample();
            }
        }
    }

    /** Reads of this JVM's /proc entries in the warm-up. */
    static final int PROC_READS = 400;
}

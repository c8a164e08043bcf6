package dev.concurrencybench.harness.run;

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
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void warmListener(Interval.Listener listener) {
        SplittableRandom random = new SplittableRandom(1);
        Histogram[] h = new Histogram[3];
        for (int k = 0; k < 3; k++) {
            h[k] = new Histogram(1, 60_000_000, 3);
            for (int i = 0; i < 2_000; i++) {
                h[k].recordValue(1 + (long) (-Math.log(1 - random.nextDouble()) * (k == 2 ? 5 : 300)));
            }
        }
        h[0].setTag("corrected");
        h[1].setTag("uncorrected");
        h[2].setTag("lag");
        long now = System.currentTimeMillis();
        Counts counts = new Counts(2_000, 0, 0, 0, 0, 0, 0, 125);
        for (int i = 0; i < LISTENER_INTERVALS; i++) {
            for (Histogram x : h) {
                x.setStartTimeStamp(now + i * 1_000L);
                x.setEndTimeStamp(now + (i + 1) * 1_000L);
            }
            listener.onInterval(new Interval(i, (i + 1) * 1_000_000_000L, h[0], h[1], h[2], Map.of(), counts, false));
        }
    }
}

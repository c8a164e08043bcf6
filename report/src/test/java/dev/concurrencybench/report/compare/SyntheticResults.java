package dev.concurrencybench.report.compare;

import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes real results folders (run.json, summary.json, latency.hlog through HdrHistogram's log writer) holding
 * synthetic latencies of a known shape: log-normal around a median, times a per-repetition factor (run-to-run
 * noise, as a fresh JVM brings) and a per-interval factor (within-run drift). Shared with harness's tests.
 */
public final class SyntheticResults {

    /**
     * One cell to write.
     *
     * @param server        server id
     * @param scenario      scenario name
     * @param rate          requests per 1 s interval (and the target rate)
     * @param repetitions   K; 1 writes today's layout, more writes rep-&lt;i&gt;/ plus a merged summary
     * @param intervals     1 s intervals per repetition
     * @param medianMicros  median latency, µs
     * @param sigma         log-normal shape of one request's latency
     * @param runNoise      standard deviation of the log of the per-repetition factor
     * @param scale         multiplies every latency (and CPU/request): 1.3 is a 30 % slowdown
     * @param seed          random seed
     * @param valid         whether summary.json says valid
     */
    public record Spec(String server, String scenario, double rate, int repetitions, int intervals,
                       double medianMicros, double sigma, double runNoise, double scale, long seed, boolean valid) {

        /** eventloop/plaintext, 2000 req/s, K = 3 of 15 s, median 200 µs, σ 0.5, 1 % run noise. */
        public static Spec quiet(long seed) {
            return new Spec("eventloop", "plaintext", 2000, 3, 15, 200, 0.5, 0.01, 1.0, seed, true);
        }

        public Spec scale(double s) {
            return new Spec(server, scenario, rate, repetitions, intervals, medianMicros, sigma, runNoise, s, seed, valid);
        }

        public Spec seed(long s) {
            return new Spec(server, scenario, rate, repetitions, intervals, medianMicros, sigma, runNoise, scale, s, valid);
        }

        public Spec repetitions(int k) {
            return new Spec(server, scenario, rate, k, intervals, medianMicros, sigma, runNoise, scale, seed, valid);
        }

        public Spec runNoise(double n) {
            return new Spec(server, scenario, rate, repetitions, intervals, medianMicros, sigma, n, scale, seed, valid);
        }

        public Spec cell(String srv, String scn, double r) {
            return new Spec(srv, scn, r, repetitions, intervals, medianMicros, sigma, runNoise, scale, seed, valid);
        }

        public Spec valid(boolean v) {
            return new Spec(server, scenario, rate, repetitions, intervals, medianMicros, sigma, runNoise, scale, seed, v);
        }
    }

    private SyntheticResults() {
    }

    /** Writes a results folder {@code dir} with a complete run.json and every cell of {@code cells}. */
    public static Path write(Path dir, List<Spec> cells) throws IOException {
        return write(dir, cells, Map.of());
    }

    /** The same, with extra run.json entries (they replace the defaults: jdk, cpuModel, cores, kernel). */
    public static Path write(Path dir, List<Spec> cells, Map<String, Object> runFacts) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", dir.getFileName().toString());
        run.put("status", "complete");
        run.put("jdk", "Synthetic 21");
        run.put("cpuModel", "Synthetic CPU");
        run.put("cores", 2);
        run.put("kernel", "6.0");
        run.putAll(runFacts);
        Json.write(dir.resolve("run.json"), run);
        for (Spec s : cells) {
            writeCell(dir.resolve(s.server()).resolve(s.scenario()), s);
        }
        return dir;
    }

    private static void writeCell(Path cellDir, Spec s) throws IOException {
        Random rnd = new Random(s.seed() * 31 + s.server().hashCode() * 17L + s.scenario().hashCode());
        Histogram merged = histogram();
        for (int k = 1; k <= s.repetitions(); k++) {
            Path dir = s.repetitions() == 1 ? cellDir : cellDir.resolve("rep-" + k);
            Files.createDirectories(dir);
            double runFactor = Math.exp(s.runNoise() * rnd.nextGaussian());
            Histogram total = histogram();
            long t0 = 1_700_000_000_000L + k * 100_000L;
            try (PrintStream out = new PrintStream(new FileOutputStream(dir.resolve("latency.hlog").toFile()), false,
                    "UTF-8")) {
                HistogramLogWriter w = new HistogramLogWriter(out);
                w.outputLogFormatVersion();
                w.outputStartTime(t0);
                w.setBaseTime(t0);
                w.outputLegend();
                for (int i = 0; i < s.intervals(); i++) {
                    double intervalFactor = Math.exp(s.runNoise() / 2 * rnd.nextGaussian());
                    Histogram h = histogram();
                    for (int n = 0; n < (int) s.rate(); n++) {
                        double v = s.medianMicros() * s.scale() * runFactor * intervalFactor
                                * Math.exp(s.sigma() * rnd.nextGaussian());
                        h.recordValue(Math.max(1, Math.round(v)));
                    }
                    h.setStartTimeStamp(t0 + i * 1000L);
                    h.setEndTimeStamp(t0 + (i + 1) * 1000L);
                    h.setTag("corrected");
                    w.outputIntervalHistogram(h);
                    Histogram decoy = histogram(); // another tag in the same log: compare must skip it
                    decoy.recordValue(1_000_000);
                    decoy.setStartTimeStamp(h.getStartTimeStamp());
                    decoy.setEndTimeStamp(h.getEndTimeStamp());
                    decoy.setTag("lag");
                    w.outputIntervalHistogram(decoy);
                    total.add(h);
                }
            }
            merged.add(total);
            ServerMetrics m = new ServerMetrics(0, 40 * s.scale() * runFactor, (long) (160 * runFactor * (1 << 20)),
                    20, 0, 0, 0, 0, 0, 0, 0, 0);
            Json.write(dir.resolve("summary.json"), summary(s, total, m));
        }
        if (s.repetitions() > 1) {
            Json.write(cellDir.resolve("summary.json"), summary(s, merged, null));
        }
    }

    private static Summary summary(Spec s, Histogram h, ServerMetrics m) {
        Percentiles p = Percentiles.of(h);
        Counts c = new Counts(h.getTotalCount(), 0, 0, 0, 0, 0, 0, h.getTotalCount() / 16);
        return new Summary(s.server(), s.scenario(), "precise", 1, "open_keep_alive", s.rate(), s.rate(),
                s.intervals(), 16, p, p, p, Map.of(), c, 0, m, s.valid(),
                s.valid() ? List.of() : List.of("achieved 1500 req/s, more than 1% under the target"), List.of());
    }

    private static Histogram histogram() {
        return new Histogram(1, 60_000_000L, 3);
    }
}

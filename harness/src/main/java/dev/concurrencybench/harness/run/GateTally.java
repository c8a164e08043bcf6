package dev.concurrencybench.harness.run;

import dev.concurrencybench.report.compare.CellResult;
import dev.concurrencybench.report.compare.CompareJson;
import dev.concurrencybench.report.compare.CompareSettings;
import dev.concurrencybench.report.compare.Comparison;
import dev.concurrencybench.report.compare.ComparisonResult;
import dev.concurrencybench.report.compare.Metric;
import dev.concurrencybench.report.compare.MetricResult;
import dev.concurrencybench.report.compare.ResultsFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparisons of a gate check and the figures drawn from them, whether the runs were just made
 * ({@link GateCheck#run}) or are read back from an earlier check's folder ({@link GateCheck#reanalyse}). Trial t
 * compares A(t) with A(t+1), where any gating regression is a false alarm, and A(t) with B(t), where a gating
 * regression is a detection. Not thread-safe.
 */
final class GateTally {

    /** z of a one-sided 5 % test and of 80 % power: an effect is detected 80 % of the time once it exceeds
     *  1 + δ by (z_0.95 + z_0.80)·σ of the log ratio (the usual power calculation, here on the log scale). */
    private static final double Z95 = 1.645;
    private static final double Z80 = 0.842;

    private final CompareSettings settings;
    private final String driver;
    private final List<Double> aaP99 = new ArrayList<>();      // log ratios of P99, A/A, every cell of every trial
    private final List<Double> aaHalfWidths = new ArrayList<>();
    private final List<Double> abP99 = new ArrayList<>();
    private final Map<String, Integer> aaOutcomes = new TreeMap<>();
    private final Map<String, Integer> abOutcomes = new TreeMap<>();
    private final List<Map<String, Object>> trials = new ArrayList<>();
    private int falseAlarms;
    private int detections;

    /**
     * @param settings how compare judges
     * @param driver   whose files the comparisons read ({@code precise} or {@code gatling})
     */
    GateTally(CompareSettings settings, String driver) {
        this.settings = settings;
        this.driver = driver;
    }

    /**
     * Makes trial {@code t}'s two comparisons and returns its progress line.
     *
     * @param a    run A(t)
     * @param next run A(t+1)
     * @param b    run B(t), with the injected delay
     */
    String add(int t, Path a, Path next, Path b) {
        ResultsFolder fa = ResultsFolder.load(a, driver);
        ComparisonResult aa = Comparison.run(fa, ResultsFolder.load(next, driver), settings);
        ComparisonResult ab = Comparison.run(fa, ResultsFolder.load(b, driver), settings);
        boolean falseAlarm = aa.exitCode(false) == ComparisonResult.EXIT_REGRESSION;
        boolean detected = ab.exitCode(false) == ComparisonResult.EXIT_REGRESSION;
        aaOutcomes.merge(CompareJson.outcome(aa.exitCode(true)), 1, Integer::sum);
        abOutcomes.merge(CompareJson.outcome(ab.exitCode(true)), 1, Integer::sum);
        falseAlarms += falseAlarm ? 1 : 0;
        detections += detected ? 1 : 0;
        collect(aa, aaP99, aaHalfWidths);
        collect(ab, abP99, new ArrayList<>());
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("trial", t);
        rec.put("aa", List.of(a.toString(), next.toString()));
        rec.put("aaExitCode", aa.exitCode(false));
        rec.put("ab", List.of(a.toString(), b.toString()));
        rec.put("abExitCode", ab.exitCode(false));
        trials.add(rec);
        return String.format(Locale.ROOT, "gate-check trial %d: A/A %s, A/B %s (so far %d false alarms, %d detections)",
                t, falseAlarm ? "FALSE ALARM" : "quiet", detected ? "DETECTED" : "missed", falseAlarms, detections);
    }

    /** Trials added so far. */
    int trials() {
        return trials.size();
    }

    /**
     * Every figure, for {@code gate-check.json} and {@link #print}.
     *
     * @param repeat          repetitions per run (K)
     * @param durationSeconds measurement per repetition
     * @param warmupSeconds   warm-up per repetition
     * @param servers         server ids
     * @param scenarios       scenario names
     * @param delay           the B runs' injected delay, µs
     */
    Map<String, Object> figures(Object repeat, Object durationSeconds, Object warmupSeconds, Object servers,
                                Object scenarios, Object delay) {
        int n = trials.size();
        double delta = settings.delta(Metric.P99);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("repeat", repeat);
        f.put("durationSeconds", durationSeconds);
        f.put("warmupSeconds", warmupSeconds);
        f.put("servers", servers);
        f.put("scenarios", scenarios);
        f.put("p99Delta", delta);
        f.put("injectDelayUs", delay);
        f.put("comparisons", n);
        f.put("falseAlarmRate", n == 0 ? null : falseAlarms / (double) n);
        f.put("detectionRate", n == 0 ? null : detections / (double) n);
        f.put("injectedP99EffectMedian", abP99.isEmpty() ? null : Math.exp(median(abP99)) - 1);
        double w = aaHalfWidths.isEmpty() ? Double.NaN : median(aaHalfWidths);
        // the bootstrap's σ of the log ratio is its 90 % half-width / z_0.95
        double sigmaBootstrap = w / Z95;
        f.put("p99LogRatioSigmaBootstrap", finite(sigmaBootstrap));
        double sigmaObserved = aaP99.size() < 2 ? Double.NaN : sd(aaP99);
        f.put("p99LogRatioSigmaObserved", finite(sigmaObserved));
        // the larger of the two: intervals narrower than the observed A/A spread must not flatter the gate
        double sigma = Double.isNaN(sigmaObserved) ? sigmaBootstrap : Math.max(sigmaBootstrap, sigmaObserved);
        f.put("minimumDetectableP99Effect", finite(Math.exp(Math.log(1 + delta) + (Z95 + Z80) * sigma) - 1));
        // δ is the tolerated change: an effect is caught 80 % of the time only if it exceeds 1 + δ by 2.5 σ
        f.put("largestDeltaDetectingTheInjectedEffect", abP99.isEmpty() ? null
                : finite(Math.exp(median(abP99) - (Z95 + Z80) * sigma) - 1));
        f.put("aaOutcomes", aaOutcomes);
        f.put("abOutcomes", abOutcomes);
        f.put("trials", trials);
        return f;
    }

    /** The figures as the console shows them; {@code json} is where they were written. */
    static void print(Map<String, Object> f, PrintStream o, Path json) {
        o.println();
        o.printf(Locale.ROOT, "gate-check (K = %s, %s s warm-up + %s s per repetition, P99 δ = %s, %s comparisons each)%n",
                f.get("repeat"), seconds(f.get("warmupSeconds")), seconds(f.get("durationSeconds")),
                effect(f.get("p99Delta")).replace("+", ""), f.get("comparisons"));
        o.printf("  false-alarm rate (A/A with a gating regression): %s   target <= 5 %%%n", rate(f.get("falseAlarmRate")));
        o.printf("  detection rate (A/B, %s µs injected): %s   target >= 80 %%%n", f.get("injectDelayUs"),
                rate(f.get("detectionRate")));
        o.printf("  P99 effect of the injected delay (median): %s%n", effect(f.get("injectedP99EffectMedian")));
        o.printf("  minimum detectable P99 effect (80 %% power): %s%n", effect(f.get("minimumDetectableP99Effect")));
        o.printf("  largest P99 δ that would catch the injected effect 80 %% of the time: %s%n",
                effect(f.get("largestDeltaDetectingTheInjectedEffect")));
        Object boot = f.get("p99LogRatioSigmaBootstrap");
        Object seen = f.get("p99LogRatioSigmaObserved");
        boolean tooNarrow = boot instanceof Double b && seen instanceof Double s && s > 1.5 * b;
        o.printf("  σ of log P99 ratio: bootstrap %s, observed across A/A %s%s%n", num(boot), num(seen), tooNarrow
                ? " - the observed spread is much larger: the intervals are too narrow for this machine, raise K" : "");
        o.println("  outcomes (pass / regression / inconclusive / invalid): A/A " + f.get("aaOutcomes") + ", A/B "
                + f.get("abOutcomes") + " - invalid or inconclusive comparisons count as neither alarm nor detection");
        o.println("  figures: " + json);
        o.flush();
    }

    private static void collect(ComparisonResult r, List<Double> logRatios, List<Double> halfWidths) {
        for (CellResult c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                if (m.metric() == Metric.P99 && Double.isFinite(m.ratio()) && m.ratio() > 0) {
                    logRatios.add(Math.log(m.ratio()));
                    if (m.ciLow() != null && m.ciHigh() != null) {
                        halfWidths.add((Math.log(m.ciHigh()) - Math.log(m.ciLow())) / 2);
                    }
                }
            }
        }
    }

    private static String seconds(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "?";
    }

    private static String rate(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.0f %%", d * 100) : "-";
    }

    private static String effect(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%+.1f %%", d * 100) : "-";
    }

    private static String num(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : "-";
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double sd(List<Double> xs) {
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(ss / (xs.size() - 1));
    }
}

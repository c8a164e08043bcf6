package dev.concurrencybench.harness.run;

import dev.concurrencybench.report.compare.CellResult;
import dev.concurrencybench.report.compare.CompareJson;
import dev.concurrencybench.report.compare.CompareSettings;
import dev.concurrencybench.report.compare.Comparison;
import dev.concurrencybench.report.compare.ComparisonResult;
import dev.concurrencybench.report.compare.Metric;
import dev.concurrencybench.report.compare.MetricResult;
import dev.concurrencybench.report.compare.ResultsFolder;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench gate-check}: measures the regression gate itself on this machine. It runs the same build as
 * A1, B1, A2, B2, …, A(N+1), each a full run with K repetitions; the B runs carry a known slowdown
 * ({@code --inject-delay-us}). Trial t compares A(t) with A(t+1), where any gating regression is a false alarm,
 * and A(t) with B(t), where a gating regression is a detection. Consecutive A/A pairs share a run, which saves a
 * third of the machine time; each comparison is still a fair A/A, though neighbouring ones are correlated. Over the trials it prints the false-alarm
 * rate, the detection rate, the P99 effect the injected delay really had, and the minimum detectable P99 effect
 * at this K given the A/A intervals' width. Not thread-safe; one instance per command.
 */
public final class GateCheck {

    /** z of a one-sided 5 % test and of 80 % power: an effect is detected 80 % of the time once it exceeds
     *  1 + δ by (z_0.95 + z_0.80)·σ of the log ratio (the usual power calculation, here on the log scale). */
    private static final double Z95 = 1.645;
    private static final double Z80 = 0.842;

    private final RunPlan plan;
    private final int repeat;
    private final int trials;
    private final Long injectDelayMicros;
    private final CompareSettings settings;

    /**
     * @param plan              servers, scenarios, durations; its results root receives {@code gate-check-<time>/}
     * @param repeat            repetitions per run (K)
     * @param trials            A/A and A/B comparisons to make
     * @param injectDelayMicros the B side's slowdown, µs, or null for "10 % of A's P99 in the first trial"
     * @param settings          how compare judges
     */
    public GateCheck(RunPlan plan, int repeat, int trials, Long injectDelayMicros, CompareSettings settings) {
        this.plan = plan;
        this.repeat = repeat;
        this.trials = trials;
        this.injectDelayMicros = injectDelayMicros;
        this.settings = settings;
    }

    /** Runs every trial and prints the figures; returns 0, or 1 when a run failed. */
    public int run() throws IOException {
        Path root = plan.resultsRoot().resolve("gate-check-" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString().replace(':', '-'));
        Files.createDirectories(root);
        List<Double> aaP99 = new ArrayList<>();      // log ratios of P99, A/A, every cell of every trial
        List<Double> aaHalfWidths = new ArrayList<>();
        List<Double> abP99 = new ArrayList<>();
        Map<String, Integer> aaOutcomes = new java.util.TreeMap<>();
        Map<String, Integer> abOutcomes = new java.util.TreeMap<>();
        int falseAlarms = 0;
        int detections = 0;
        Long delay = injectDelayMicros;
        List<Map<String, Object>> trialRecords = new ArrayList<>();
        plan.out().printf("%ngate-check: run A1 of %d A runs and %d B runs%n", trials + 1, trials);
        Path a = runOnce(plan.launcher().withInjectDelay(0), root.resolve("A1"));
        if (a == null) return 1;
        if (delay == null) {
            delay = autoDelay(a);
            plan.out().println("gate-check: injected delay set to " + delay + " µs (10 % of A1's P99, at most a "
                    + "tenth of a CPU at the target rate)");
        }
        for (int t = 1; t <= trials; t++) {
            plan.out().printf("%ngate-check trial %d of %d: B%d (%d µs injected)%n", t, trials, t, delay);
            Path b = runOnce(plan.launcher().withInjectDelay(delay), root.resolve("B" + t));
            plan.out().printf("%ngate-check trial %d of %d: A%d%n", t, trials, t + 1);
            Path next = runOnce(plan.launcher().withInjectDelay(0), root.resolve("A" + (t + 1)));
            if (b == null || next == null) return 1;
            ResultsFolder fa = ResultsFolder.load(a, driver());
            ComparisonResult aa = Comparison.run(fa, ResultsFolder.load(next, driver()), settings);
            ComparisonResult ab = Comparison.run(fa, ResultsFolder.load(b, driver()), settings);
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
            trialRecords.add(rec);
            plan.out().printf("gate-check trial %d: A/A %s, A/B %s (so far %d false alarms, %d detections)%n", t,
                    falseAlarm ? "FALSE ALARM" : "quiet", detected ? "DETECTED" : "missed", falseAlarms, detections);
            a = next;
        }
        Map<String, Object> figures = figures(falseAlarms, detections, delay, aaP99, aaHalfWidths, abP99);
        figures.put("aaOutcomes", aaOutcomes);
        figures.put("abOutcomes", abOutcomes);
        figures.put("trials", trialRecords);
        Json.write(root.resolve("gate-check.json"), figures);
        print(figures, root);
        return 0;
    }

    /** Whose files the comparisons read: the precise driver's whenever it ran. */
    private String driver() {
        return plan.drivers().contains(Driver.PRECISE) ? "precise" : "gatling";
    }

    private Path runOnce(ServerLauncher launcher, Path resultsRoot) throws IOException {
        RunPlan p = new RunPlan(plan.servers(), plan.scenarios(), plan.rate(), plan.connections(), plan.warmupNanos(),
                plan.durationNanos(), plan.tls(), plan.cpus(), launcher, resultsRoot, plan.out(), plan.drivers());
        int code = new Orchestrator(p).repeat(repeat).run();
        if (code != 0) {
            plan.out().println("gate-check: a run failed (see above); stopping");
            return null;
        }
        try (var s = Files.list(resultsRoot)) {
            return s.filter(Files::isDirectory).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    /** 10 % of the largest P99 of run A, at most a tenth of a CPU's time at the target rate, at least 1 µs. */
    private long autoDelay(Path run) {
        ResultsFolder f = ResultsFolder.load(run, driver());
        long p99 = 0;
        double rate = 1;
        for (var cell : f.cells().values()) {
            for (var rep : cell.repetitions()) {
                Summary s = rep.summary();
                p99 = Math.max(p99, s.latency().p99());
                rate = Math.max(rate, s.targetRate());
            }
        }
        long cap = (long) (100_000 / rate); // a tenth of a CPU: more saturates a busy 2-core machine
        return Math.max(1, Math.min(cap, p99 / 10));
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

    private Map<String, Object> figures(int falseAlarms, int detections, long delay, List<Double> aa,
                                        List<Double> halfWidths, List<Double> ab) {
        double delta = settings.delta(Metric.P99);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("repeat", repeat);
        f.put("durationSeconds", plan.durationNanos() / 1e9);
        f.put("warmupSeconds", plan.warmupNanos() / 1e9);
        f.put("servers", plan.servers());
        f.put("scenarios", plan.scenarios().stream().map(s -> s.name()).toList());
        f.put("p99Delta", delta);
        f.put("injectDelayUs", delay);
        f.put("comparisons", trials);
        f.put("falseAlarmRate", falseAlarms / (double) trials);
        f.put("detectionRate", detections / (double) trials);
        f.put("injectedP99EffectMedian", ab.isEmpty() ? null : Math.exp(median(ab)) - 1);
        double w = halfWidths.isEmpty() ? Double.NaN : median(halfWidths);
        // the bootstrap's σ of the log ratio is its 90 % half-width / z_0.95
        double sigmaBootstrap = w / Z95;
        f.put("p99LogRatioSigmaBootstrap", finite(sigmaBootstrap));
        double sigmaObserved = aa.size() < 2 ? Double.NaN : sd(aa);
        f.put("p99LogRatioSigmaObserved", finite(sigmaObserved));
        // the larger of the two: intervals narrower than the observed A/A spread must not flatter the gate
        double sigma = Double.isNaN(sigmaObserved) ? sigmaBootstrap : Math.max(sigmaBootstrap, sigmaObserved);
        f.put("minimumDetectableP99Effect", finite(Math.exp(Math.log(1 + delta) + (Z95 + Z80) * sigma) - 1));
        // δ is the tolerated change: an effect is caught 80 % of the time only if it exceeds 1 + δ by 2.5 σ
        f.put("largestDeltaDetectingTheInjectedEffect", ab.isEmpty() ? null
                : finite(Math.exp(median(ab) - (Z95 + Z80) * sigma) - 1));
        return f;
    }

    private void print(Map<String, Object> f, Path root) {
        var o = plan.out();
        o.println();
        o.printf("gate-check (K = %d, %.0f s warm-up + %.0f s per repetition, P99 δ = %.0f %%, %d comparisons each)%n",
                repeat, plan.warmupNanos() / 1e9, plan.durationNanos() / 1e9, settings.delta(Metric.P99) * 100,
                trials);
        o.printf("  false-alarm rate (A/A with a gating regression): %s   target <= 5 %%%n", rate(f.get("falseAlarmRate")));
        o.printf("  detection rate (A/B, %s µs injected): %s   target >= 80 %%%n", f.get("injectDelayUs"),
                rate(f.get("detectionRate")));
        o.printf("  P99 effect of the injected delay (median): %s%n", effect(f.get("injectedP99EffectMedian")));
        o.printf("  minimum detectable P99 effect (80 %% power): %s%n", effect(f.get("minimumDetectableP99Effect")));
        o.printf("  largest P99 δ that would catch the injected effect 80 %% of the time: %s%n",
                effect(f.get("largestDeltaDetectingTheInjectedEffect")));
        o.printf("  σ of log P99 ratio: bootstrap %s, observed across A/A %s (observed much larger: the intervals "
                + "are too narrow, raise K)%n", num(f.get("p99LogRatioSigmaBootstrap")), num(f.get("p99LogRatioSigmaObserved")));
        o.println("  outcomes (pass / regression / inconclusive / invalid): A/A " + f.get("aaOutcomes") + ", A/B "
                + f.get("abOutcomes") + " - invalid or inconclusive comparisons count as neither alarm nor detection");
        o.println("  figures: " + root.resolve("gate-check.json"));
        o.flush();
    }

    private static String rate(Object v) {
        return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.0f %%", d * 100) : "-";
    }

    private static String effect(Object v) {
        return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%+.1f %%", d * 100) : "-";
    }

    private static String num(Object v) {
        return v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4f", d) : "-";
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

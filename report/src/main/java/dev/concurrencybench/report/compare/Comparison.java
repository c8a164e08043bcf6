package dev.concurrencybench.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two results folders cell by cell and metric by metric; see the package description for the
 * statistics. Stateless; {@link #run} may be called from any thread.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * Compares the cells both folders hold; cells of one side only (or run at different rates) are listed, not
     * compared.
     *
     * @throws CompareInputException when no cell can be compared at all
     */
    public static ComparisonResult run(ResultsFolder base, ResultsFolder candidate, CompareSettings settings) {
        List<String> notCompared = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(base.cells().keySet());
        keys.addAll(base.failed().keySet());
        keys.addAll(candidate.cells().keySet());
        keys.addAll(candidate.failed().keySet());
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (String key : keys) {
            Cell b = base.cells().get(key);
            Cell c = candidate.cells().get(key);
            String bFail = base.failed().get(key);
            String cFail = candidate.failed().get(key);
            if (b != null && c != null) {
                if (b.targetRate() != c.targetRate()) {
                    notCompared.add(key + ": different target rates (baseline " + fmt(b.targetRate())
                            + " req/s, candidate " + fmt(c.targetRate()) + " req/s)");
                } else {
                    pending.put(key, new Pending(b, c, settings));
                }
            } else if (bFail != null && cFail != null) {
                notCompared.add(key + ": failed on both sides");
            } else if (b != null && cFail != null) {
                notCompared.add(key + ": " + ComparisonResult.FAILED_MARK + " (candidate: " + cFail + ")");
            } else if (c != null && bFail != null) {
                notCompared.add(key + ": " + ComparisonResult.FAILED_MARK + " (baseline: " + bFail + ")");
            } else {
                notCompared.add(key + ": only in the " + (b != null || bFail != null ? "baseline" : "candidate"));
            }
        }
        if (pending.isEmpty() && notCompared.stream().noneMatch(n -> n.contains(ComparisonResult.FAILED_MARK))) {
            throw new CompareInputException("no server × scenario in common between " + base.dir() + " and "
                    + candidate.dir() + " (" + String.join("; ", notCompared) + ")");
        }
        Map<String, Double> adjusted = holm(pending, settings);
        List<CellResult> cells = new ArrayList<>();
        for (Pending p : pending.values()) {
            cells.add(p.result(settings, adjusted, adjusted.size()));
        }
        return new ComparisonResult(base.dir(), candidate.dir(), settings, RunDifferences.of(base, candidate),
                notCompared, cells);
    }

    /**
     * Holm's step-down adjustment (Holm 1979) of the regression p-values of every gating test: sorted ascending,
     * p_(i) becomes max over j ≤ i of min(1, (m − j + 1) · p_(j)). A regression is declared where the adjusted
     * value is at most α, which bounds the chance of any false regression among the m tests by α.
     *
     * @return adjusted p-value by {@code <cell key>|<metric>}
     */
    static Map<String, Double> holm(Map<String, Pending> pending, CompareSettings settings) {
        Map<String, Double> raw = new LinkedHashMap<>();
        for (Pending p : pending.values()) {
            for (Metric m : settings.gating()) {
                Double pr = p.pRegression(m, settings);
                if (pr != null) {
                    raw.put(p.key() + "|" + m, pr);
                }
            }
        }
        return holmAdjust(raw);
    }

    /** Holm-adjusts a family of p-values (same keys, same iteration order). */
    static Map<String, Double> holmAdjust(Map<String, Double> raw) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(raw.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        int m = sorted.size();
        Map<String, Double> out = new LinkedHashMap<>();
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1.0, (m - i) * sorted.get(i).getValue()));
            out.put(sorted.get(i).getKey(), running);
        }
        return out;
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** One cell present on both sides, bootstrapped lazily once. */
    static final class Pending {
        private final Cell base;
        private final Cell candidate;
        private final List<String> invalid = new ArrayList<>();
        private CellBootstrap bootstrap;

        Pending(Cell base, Cell candidate, CompareSettings settings) {
            this.base = base;
            this.candidate = candidate;
            base.invalidReasons().forEach(r -> invalid.add("baseline: " + r));
            candidate.invalidReasons().forEach(r -> invalid.add("candidate: " + r));
            if (invalid.isEmpty()) {
                bootstrap = new CellBootstrap(base, candidate, settings.resamples(), settings.seed());
            }
        }

        String key() {
            return base.key();
        }

        List<Metric> metrics() {
            List<Metric> out = new ArrayList<>();
            for (Metric m : Metric.values()) {
                if (m.isLatency() || m == Metric.RATE || (base.hasServerMetrics() && candidate.hasServerMetrics())) {
                    out.add(m);
                }
            }
            return out;
        }

        /** The raw regression p-value, or null where no test is made (invalid, too few samples, no interval). */
        Double pRegression(Metric m, CompareSettings s) {
            if (bootstrap == null || !metrics().contains(m) || MetricJudgement.untestable(m, base, candidate, bootstrap) != null) {
                return null;
            }
            return MetricJudgement.pRegression(m, s.delta(m), bootstrap);
        }

        CellResult result(CompareSettings s, Map<String, Double> adjusted, int family) {
            List<MetricResult> results = new ArrayList<>();
            for (Metric m : metrics()) {
                boolean gating = s.gating().contains(m);
                if (bootstrap == null) {
                    results.add(new MetricResult(m, gating, s.delta(m), Double.NaN, Double.NaN, Double.NaN, null,
                            null, null, null, Verdict.INVALID, null, "invalid measurement: no verdict is drawn"));
                } else {
                    Double adj = gating ? adjusted.get(key() + "|" + m) : null;
                    results.add(MetricJudgement.judge(m, gating, s.delta(m), base, candidate, bootstrap, adj, family));
                }
            }
            return new CellResult(key(), base.server(), base.scenario(), base.targetRate(),
                    base.repetitions().size(), candidate.repetitions().size(), base.requests(), candidate.requests(),
                    invalid, results);
        }
    }
}

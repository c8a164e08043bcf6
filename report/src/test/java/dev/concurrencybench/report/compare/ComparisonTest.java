package dev.concurrencybench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.compare.SyntheticResults.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts on synthetic histograms of known shape, written as real results folders. */
class ComparisonTest {

    @TempDir
    Path tmp;

    private ComparisonResult compare(Spec base, Spec candidate, CompareSettings s) throws IOException {
        Path b = SyntheticResults.write(tmp.resolve("base-" + base.seed() + "-" + base.scale()), List.of(base));
        Path c = SyntheticResults.write(tmp.resolve("cand-" + candidate.seed() + "-" + candidate.scale()), List.of(candidate));
        return Comparison.run(ResultsFolder.load(b, "precise"), ResultsFolder.load(c, "precise"), s);
    }

    private static MetricResult metric(ComparisonResult r, Metric m) {
        return r.cells().get(0).metrics().stream().filter(x -> x.metric() == m).findFirst().orElseThrow();
    }

    @Test
    void identicalDistributionsNeverGiveARegression() throws IOException {
        for (long seed = 1; seed <= 8; seed++) {
            ComparisonResult r = compare(Spec.quiet(seed), Spec.quiet(seed + 100), CompareSettings.defaults());
            for (MetricResult m : r.cells().get(0).metrics()) {
                assertTrue(m.verdict() == Verdict.NO_CHANGE || m.verdict() == Verdict.INCONCLUSIVE,
                        "seed " + seed + ": " + m);
            }
            assertNotEquals(ComparisonResult.EXIT_REGRESSION, r.exitCode(false));
        }
    }

    @Test
    void quietIdenticalRunsShowNoChangeOnP99() throws IOException {
        ComparisonResult r = compare(Spec.quiet(1), Spec.quiet(2), CompareSettings.defaults());
        MetricResult p99 = metric(r, Metric.P99);
        assertEquals(Verdict.NO_CHANGE, p99.verdict(), p99.toString());
        assertTrue(p99.ciLow() < 1 && p99.ciHigh() > 1, p99.toString());
        assertEquals(ComparisonResult.EXIT_OK, r.exitCode(true) == ComparisonResult.EXIT_INCONCLUSIVE ? 0 : r.exitCode(true));
    }

    @Test
    void thirtyPercentSlowerP99WithLowNoiseIsARegression() throws IOException {
        ComparisonResult r = compare(Spec.quiet(1), Spec.quiet(2).scale(1.3), CompareSettings.defaults());
        MetricResult p99 = metric(r, Metric.P99);
        assertEquals(Verdict.REGRESSION, p99.verdict(), p99.toString());
        assertTrue(p99.ratio() > 1.2 && p99.ratio() < 1.4, p99.toString());
        assertTrue(p99.ciLow() > 1.1, p99.toString());
        assertEquals(ComparisonResult.EXIT_REGRESSION, r.exitCode(false));
        // advisory metrics see it too but do not gate on their own
        assertEquals(Verdict.REGRESSION, metric(r, Metric.P50).verdict());
        assertTrue(!metric(r, Metric.P50).gating());
    }

    @Test
    void thirtyPercentFasterIsAnImprovementAndPasses() throws IOException {
        ComparisonResult r = compare(Spec.quiet(1).scale(1.3), Spec.quiet(2), CompareSettings.defaults());
        assertEquals(Verdict.IMPROVEMENT, metric(r, Metric.P99).verdict());
        assertEquals(ComparisonResult.EXIT_OK, r.exitCode(false));
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedMovesTheInterval() throws IOException {
        Spec base = Spec.quiet(3).runNoise(0.08);
        Spec cand = Spec.quiet(4).runNoise(0.08).scale(1.05);
        ComparisonResult a = compare(base, cand, CompareSettings.defaults());
        ComparisonResult b = compare(base, cand, CompareSettings.defaults());
        assertEquals(a.cells(), b.cells());
        ComparisonResult c = compare(base, cand, CompareSettings.defaults().withSeed(99));
        assertNotEquals(metric(a, Metric.P99).ciLow(), metric(c, Metric.P99).ciLow());
        assertEquals(metric(a, Metric.P99).ratio(), metric(c, Metric.P99).ratio(), "the point estimate needs no seed");
    }

    @Test
    void noisyRunsAreInconclusiveWithRepetitionsNeededAndFailOnlyWhenAsked() throws IOException {
        ComparisonResult r = compare(Spec.quiet(5).runNoise(0.25), Spec.quiet(6).runNoise(0.25),
                CompareSettings.defaults());
        MetricResult p99 = metric(r, Metric.P99);
        assertEquals(Verdict.INCONCLUSIVE, p99.verdict(), p99.toString());
        assertNotNull(p99.repetitionsNeeded());
        assertTrue(p99.repetitionsNeeded() > 3, p99.toString());
        assertEquals(ComparisonResult.EXIT_OK, r.exitCode(false));
        assertEquals(ComparisonResult.EXIT_INCONCLUSIVE, r.exitCode(true));
    }

    @Test
    void anInvalidRepetitionMakesTheCellInvalidAndExitsFour() throws IOException {
        ComparisonResult r = compare(Spec.quiet(1), Spec.quiet(2).valid(false), CompareSettings.defaults());
        CellResult cell = r.cells().get(0);
        assertTrue(cell.metrics().stream().allMatch(m -> m.verdict() == Verdict.INVALID));
        assertTrue(cell.invalidReasons().get(0).startsWith("candidate: rep-1: achieved"), cell.invalidReasons().toString());
        assertEquals(ComparisonResult.EXIT_INVALID, r.exitCode(false));
    }

    @Test
    void p999WithFewerThan100kRequestsPerSideSaysSo() throws IOException {
        ComparisonResult r = compare(Spec.quiet(1), Spec.quiet(2), CompareSettings.defaults()); // 90 000 per side
        MetricResult p999 = metric(r, Metric.P999);
        assertEquals(Verdict.INCONCLUSIVE, p999.verdict());
        assertTrue(p999.note().startsWith("too few samples: P99.9 needs at least 100000 requests per side"), p999.note());
        assertEquals(4, p999.repetitionsNeeded());
        ComparisonResult more = compare(Spec.quiet(1).repetitions(4), Spec.quiet(2).repetitions(4),
                CompareSettings.defaults());
        assertEquals(null, metric(more, Metric.P999).note());
    }

    @Test
    void perRunMetricsNeedTwoRepetitions() throws IOException {
        ComparisonResult r = compare(Spec.quiet(1).repetitions(1), Spec.quiet(2).repetitions(1),
                CompareSettings.defaults());
        MetricResult cpu = metric(r, Metric.CPU_PER_REQUEST);
        assertEquals(Verdict.INCONCLUSIVE, cpu.verdict());
        assertTrue(cpu.note().contains("2 repetitions"), cpu.note());
        assertEquals(Verdict.INCONCLUSIVE, metric(r, Metric.RATE).verdict());
        assertTrue(metric(r, Metric.P99).note().startsWith("one repetition per side"));
    }

    @Test
    void holmAdjustsTheFamily() {
        var raw = new java.util.LinkedHashMap<String, Double>();
        raw.put("a", 0.01);
        raw.put("b", 0.04);
        raw.put("c", 0.03);
        var adj = Comparison.holmAdjust(raw);
        assertEquals(0.03, adj.get("a"), 1e-12);  // 3 × 0.01
        assertEquals(0.06, adj.get("c"), 1e-12);  // 2 × 0.03
        assertEquals(0.06, adj.get("b"), 1e-12);  // max(0.06, 1 × 0.04)
    }

    @Test
    void aRegressionSignificantAloneCanBeInconclusiveAfterHolm() throws IOException {
        // many gating tests, each borderline: Holm multiplies the smallest p-value by the family size
        CompareSettings s = CompareSettings.defaults().withGating(java.util.EnumSet.of(Metric.P50, Metric.P99,
                Metric.RATE, Metric.CPU_PER_REQUEST, Metric.PEAK_RSS));
        ComparisonResult r = compare(Spec.quiet(1), Spec.quiet(2).scale(1.3), s);
        MetricResult p99 = metric(r, Metric.P99);
        assertTrue(p99.pRegressionAdjusted() >= p99.pRegression(), p99.toString());
    }
}

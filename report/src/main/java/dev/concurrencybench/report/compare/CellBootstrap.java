package dev.concurrencybench.report.compare;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The bootstrap distribution of the ratio candidate / baseline of every metric of one cell. Each resample draws
 * both sides independently ({@link SideSampler#resample}) and takes the ratio of the two merged-histogram
 * statistics, so the distribution reflects the noise of both runs (the ratio estimator of Chromium's perf
 * tooling). The random stream is seeded from the settings' seed and the cell's key only: a cell's verdict does
 * not depend on which other cells are compared beside it. Immutable after construction.
 */
final class CellBootstrap {

    private final Map<Metric, Double> base;
    private final Map<Metric, Double> candidate;
    private final Map<Metric, double[]> sortedRatios = new EnumMap<>(Metric.class);

    /**
     * Runs {@code resamples} resamples.
     *
     * @param seed the comparison's seed; mixed with the cell key
     */
    CellBootstrap(Cell baseCell, Cell candidateCell, int resamples, long seed) {
        long[] domain = domain(baseCell, candidateCell);
        SideSampler b = new SideSampler(baseCell, domain);
        SideSampler c = new SideSampler(candidateCell, domain);
        base = b.all();
        candidate = c.all();
        for (Metric m : Metric.values()) {
            sortedRatios.put(m, new double[resamples]);
        }
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ baseCell.key().hashCode());
        for (int i = 0; i < resamples; i++) {
            Map<Metric, Double> rb = b.resample(rng);
            Map<Metric, Double> rc = c.resample(rng);
            for (Metric m : Metric.values()) {
                sortedRatios.get(m)[i] = rc.get(m) / rb.get(m);
            }
        }
        sortedRatios.values().forEach(Arrays::sort);
        double widen = smallSampleWidening(baseCell.repetitions().size(), candidateCell.repetitions().size());
        for (Metric m : Metric.values()) {
            double point = Math.log(candidate.get(m) / base.get(m));
            if (Double.isFinite(point)) {
                double[] r = sortedRatios.get(m);
                for (int i = 0; i < r.length; i++) {
                    r[i] = Math.exp(point + widen * (Math.log(r[i]) - point)); // monotone: stays sorted
                }
            }
        }
    }

    /**
     * How much to widen the bootstrap distribution (on the log scale, around the point estimate) when there are
     * few repetitions. Resampling K runs with replacement underestimates their variance by (K−1)/K, and with K = 3
     * the spread of three runs is itself a wild guess; left alone, the percentile interval covers far less than
     * 90 % (simulated: a true ratio of exactly 1 + δ was called a regression in about a quarter of A/B pairs at
     * K = 3 instead of 5 %). The factor √(n/(n−1)) · t(0.95, df) / z(0.95), n the smaller K and df = K_b + K_c − 2,
     * turns the interval into the Student-t interval it would be for normal data; it tends to 1 as K grows.
     * With one repetition on either side there is no run-to-run spread to correct: 1.
     */
    static double smallSampleWidening(int kBase, int kCandidate) {
        int n = Math.min(kBase, kCandidate);
        if (n < 2) {
            return 1;
        }
        return Math.sqrt(n / (n - 1.0)) * StudentT.quantile95(kBase + kCandidate - 2) / StudentT.Z95;
    }

    /** Every bucket value seen on either side, ascending: the index space of the merged counters. */
    private static long[] domain(Cell a, Cell b) {
        TreeSet<Long> values = new TreeSet<>();
        for (Cell cell : new Cell[] {a, b}) {
            for (Repetition r : cell.repetitions()) {
                for (IntervalCounts c : r.intervals()) {
                    for (long v : c.values()) {
                        values.add(v);
                    }
                }
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The baseline's value over all repetitions and intervals. */
    double base(Metric m) {
        return base.get(m);
    }

    double candidate(Metric m) {
        return candidate.get(m);
    }

    /** The bootstrap ratios, ascending (shared array: do not modify). */
    double[] ratios(Metric m) {
        return sortedRatios.get(m);
    }

    /** The q-quantile of the bootstrap ratios (order statistic, nearest rank). */
    double quantile(Metric m, double q) {
        double[] r = sortedRatios.get(m);
        int i = (int) Math.floor(q * (r.length - 1) + 0.5);
        return r[Math.min(r.length - 1, Math.max(0, i))];
    }

    /** (1 + #{ratio <= x}) / (B + 1): the bootstrap p-value of "the ratio is above x" being false. */
    double pNotAbove(Metric m, double x) {
        double[] r = sortedRatios.get(m);
        int below = upperBound(r, x);
        return (1.0 + below) / (r.length + 1.0);
    }

    /** (1 + #{ratio >= x}) / (B + 1): the bootstrap p-value of "the ratio is below x" being false. */
    double pNotBelow(Metric m, double x) {
        double[] r = sortedRatios.get(m);
        int atOrAbove = r.length - lowerBound(r, x);
        return (1.0 + atOrAbove) / (r.length + 1.0);
    }

    private static int upperBound(double[] a, double x) {   // count of elements <= x
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int lowerBound(double[] a, double x) {   // count of elements < x
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

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

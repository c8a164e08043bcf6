package dev.concurrencybench.report.compare;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One side (baseline or candidate) of a cell, ready to be resampled: its intervals re-indexed onto a value domain
 * shared with the other side, so a merged histogram is one dense counter array. Computes every metric from the
 * merged histogram of a selection of repetitions and intervals: percentiles exactly as HdrHistogram's
 * {@code getValueAtPercentile} would on the merged histogram (never an average of percentiles); the achieved rate
 * (summary.json's, the figure the validity rule judges), CPU/request and RSS as means over the selected
 * repetitions.
 * Not thread-safe (reuses its counter array).
 */
final class SideSampler {

    private final int[][][] index;      // [rep][interval][bucket] -> domain index
    private final long[][][] counts;    // [rep][interval][bucket]
    private final double[] rate;        // [rep], responses/s
    private final double[] cpuPerRequest; // [rep], NaN without server metrics
    private final double[] rssMiB;      // [rep]
    private final long[] domain;
    private final long[] merged;

    SideSampler(Cell cell, long[] domain) {
        this.domain = domain;
        this.merged = new long[domain.length];
        List<Repetition> reps = cell.repetitions();
        int k = reps.size();
        index = new int[k][][];
        counts = new long[k][][];
        rate = new double[k];
        cpuPerRequest = new double[k];
        rssMiB = new double[k];
        for (int r = 0; r < k; r++) {
            Repetition rep = reps.get(r);
            List<IntervalCounts> iv = rep.intervals();
            index[r] = new int[iv.size()][];
            counts[r] = new long[iv.size()][];
            for (int i = 0; i < iv.size(); i++) {
                IntervalCounts c = iv.get(i);
                int[] idx = new int[c.values().length];
                for (int b = 0; b < idx.length; b++) {
                    idx[b] = Arrays.binarySearch(domain, c.values()[b]);
                }
                index[r][i] = idx;
                counts[r][i] = c.counts();
            }
            rate[r] = rep.summary().achievedRate();
            var m = rep.summary().serverMetrics();
            cpuPerRequest[r] = m == null ? Double.NaN : m.cpuMicrosPerRequest();
            rssMiB[r] = m == null ? Double.NaN : m.peakRssBytes() / (1024.0 * 1024.0);
        }
    }

    int repetitions() {
        return index.length;
    }

    /** Every metric over all repetitions and all intervals: the point estimate. */
    Map<Metric, Double> all() {
        Arrays.fill(merged, 0);
        int[] chosenReps = new int[index.length];
        for (int r = 0; r < index.length; r++) {
            chosenReps[r] = r;
            for (int i = 0; i < index[r].length; i++) {
                add(r, i);
            }
        }
        return metrics(chosenReps);
    }

    /**
     * One bootstrap resample: K repetitions drawn with replacement, and inside each a circular block bootstrap of
     * its n intervals (blocks of {@link #blockLength} consecutive intervals, wrapping at the end, concatenated and
     * cut to n; Politis &amp; Romano 1992), so that a slow stretch of a run stays a stretch.
     */
    Map<Metric, Double> resample(SplittableRandom rng) {
        Arrays.fill(merged, 0);
        int k = index.length;
        int[] chosenReps = new int[k];
        for (int j = 0; j < k; j++) {
            int r = rng.nextInt(k);
            chosenReps[j] = r;
            int n = index[r].length;
            int block = blockLength(n);
            int filled = 0;
            while (filled < n) {
                int start = rng.nextInt(n);
                for (int b = 0; b < block && filled < n; b++, filled++) {
                    add(r, (start + b) % n);
                }
            }
        }
        return metrics(chosenReps);
    }

    /**
     * Block length n^(1/3), rounded: the order that minimises the error of block-bootstrap variance estimates
     * (Hall, Horowitz &amp; Jing 1995). 15 intervals give blocks of 2, 60 give 4.
     */
    static int blockLength(int n) {
        return Math.max(1, (int) Math.round(Math.cbrt(n)));
    }

    private void add(int r, int i) {
        int[] idx = index[r][i];
        long[] c = counts[r][i];
        for (int b = 0; b < idx.length; b++) {
            merged[idx[b]] += c[b];
        }
    }

    private Map<Metric, Double> metrics(int[] reps) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        long total = 0;
        for (long c : merged) {
            total += c;
        }
        double[] ps = {Metric.P50.percentile(), Metric.P99.percentile(), Metric.P999.percentile()};
        long[] at = new long[ps.length];
        for (int p = 0; p < ps.length; p++) {
            // HdrHistogram's rule: the smallest value whose cumulative count reaches round(p/100 * total), >= 1
            at[p] = Math.max(1, (long) (ps[p] / 100.0 * total + 0.5));
        }
        long[] values = new long[ps.length];
        long cumulative = 0;
        int p = 0;
        for (int v = 0; v < merged.length && p < ps.length; v++) {
            cumulative += merged[v];
            while (p < ps.length && cumulative >= at[p]) {
                values[p++] = domain[v];
            }
        }
        out.put(Metric.P50, (double) values[0]);
        out.put(Metric.P99, (double) values[1]);
        out.put(Metric.P999, (double) values[2]);
        double achieved = 0;
        double cpu = 0;
        double rss = 0;
        for (int r : reps) {
            achieved += rate[r];
            cpu += cpuPerRequest[r];
            rss += rssMiB[r];
        }
        out.put(Metric.RATE, achieved / reps.length);
        out.put(Metric.CPU_PER_REQUEST, cpu / reps.length);
        out.put(Metric.PEAK_RSS, rss / reps.length);
        return out;
    }
}

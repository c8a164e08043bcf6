package dev.concurrencybench.report.compare;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One interval histogram (about 1 s) of corrected latency, kept sparse: only its non-empty buckets. A full
 * histogram of 1 µs to 60 s at 3 significant digits is ~17 000 counters; a second of traffic fills a few hundred,
 * so the bootstrap merges thousands of resampled intervals in a fraction of the time. Immutable.
 *
 * @param startMs start time stamp, epoch ms
 * @param endMs   end time stamp, epoch ms
 * @param values  each non-empty bucket's highest equivalent value, µs, ascending (what HdrHistogram reports as
 *                the value at a percentile)
 * @param counts  the bucket counts, same order
 * @param total   the sum of {@code counts}
 */
public record IntervalCounts(long startMs, long endMs, long[] values, long[] counts, long total) {

    /** The non-empty buckets of {@code h}. */
    public static IntervalCounts of(Histogram h) {
        int n = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            n++;
        }
        long[] values = new long[n];
        long[] counts = new long[n];
        int i = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            values[i] = v.getValueIteratedTo();
            counts[i] = v.getCountAtValueIteratedTo();
            i++;
        }
        return new IntervalCounts(h.getStartTimeStamp(), h.getEndTimeStamp(), values, counts, h.getTotalCount());
    }
}

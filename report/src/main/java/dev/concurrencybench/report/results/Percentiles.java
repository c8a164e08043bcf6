package dev.concurrencybench.report.results;

import org.HdrHistogram.Histogram;

/**
 * The percentiles every summary reports, in microseconds.
 *
 * @param count number of values
 * @param p50   median, µs
 * @param p90   µs
 * @param p99   µs
 * @param p999  P99.9, µs
 * @param p9999 P99.99, µs
 * @param max   µs
 * @param mean  µs
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long p9999, long max, double mean) {

    /** Reads the percentiles of a histogram of microseconds. */
    public static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99),
                h.getMaxValue(), Math.round(h.getMean() * 10) / 10.0);
    }
}

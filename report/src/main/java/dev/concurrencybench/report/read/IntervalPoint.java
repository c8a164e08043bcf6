package dev.concurrencybench.report.read;

/**
 * One reporting interval (about a second) of a measurement, from the {@code corrected} histograms of
 * {@code latency.hlog}.
 *
 * @param offsetSeconds  start of the interval since the measurement's first interval began, s
 * @param lengthSeconds  interval length, s
 * @param p99Micros      the interval's corrected P99, µs
 * @param maxMicros      the interval's corrected maximum, µs
 * @param ratePerSecond  latencies recorded in the interval divided by its length: the achieved rate, req/s
 */
public record IntervalPoint(double offsetSeconds, double lengthSeconds, long p99Micros, long maxMicros,
                            double ratePerSecond) {
}

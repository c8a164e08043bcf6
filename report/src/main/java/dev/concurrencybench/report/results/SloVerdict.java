package dev.concurrencybench.report.results;

import java.util.List;

/**
 * The pass/fail of a scenario's SLO on one measurement, judged the same way for every driver over the
 * measurement window (warm-up excluded): P99 of the driver's latency histogram at most the bound, and failed
 * requests at most the given share of all requests. Immutable.
 *
 * @param p99Millis            the P99 bound, ms, or null when the SLO has none
 * @param maxErrorPercent      the error bound, percent of requests, or null when the SLO has none
 * @param measuredP99Micros    the measured P99, µs
 * @param measuredErrorPercent the measured failed requests, percent of requests
 * @param passed               every bound held
 * @param failures             one line per bound that did not hold
 */
public record SloVerdict(Double p99Millis, Double maxErrorPercent, long measuredP99Micros,
                         double measuredErrorPercent, boolean passed, List<String> failures) {

    /**
     * Judges a measurement.
     *
     * @param p99Millis       P99 bound, ms, or null
     * @param maxErrorPercent error bound, percent, or null
     * @param latency         the measurement's latency (µs)
     * @param requests        its outcomes
     */
    public static SloVerdict judge(Double p99Millis, Double maxErrorPercent, Percentiles latency, Counts requests) {
        long all = requests.completed() + requests.errors();
        double errorPercent = all == 0 ? 0 : 100.0 * requests.errors() / all;
        List<String> failures = new java.util.ArrayList<>();
        if (p99Millis != null && latency.p99() > p99Millis * 1000) {
            failures.add("P99 " + latency.p99() + " µs > " + p99Millis + " ms");
        }
        if (maxErrorPercent != null && errorPercent > maxErrorPercent) {
            failures.add(String.format(java.util.Locale.ROOT, "errors %.3f %% > %s %%", errorPercent, maxErrorPercent));
        }
        return new SloVerdict(p99Millis, maxErrorPercent, latency.p99(), Math.round(errorPercent * 1000) / 1000.0,
                failures.isEmpty(), List.copyOf(failures));
    }
}

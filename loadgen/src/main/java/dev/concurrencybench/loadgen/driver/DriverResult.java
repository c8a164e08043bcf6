package dev.concurrencybench.loadgen.driver;

import dev.concurrencybench.report.results.Counts;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a driver run measured. Histograms in microseconds, 1 µs to 60 s, 3 significant digits.
 *
 * @param config            what was run
 * @param measureStartNanos start of the measurement window, {@code System.nanoTime()} ns
 * @param measuredNanos     length of the measurement window, in nanoseconds
 * @param corrected         latency from the intended send time (coordinated omission corrected), µs
 * @param uncorrected       latency from the actual send, µs
 * @param lag               generator lag: actual send minus the time the generator was free to send, µs
 * @param correctedByClass  corrected latency per request class, µs
 * @param counts            outcomes
 * @param firstErrors       the first few error messages
 */
public record DriverResult(DriverConfig config, long measureStartNanos, long measuredNanos, Histogram corrected, Histogram uncorrected,
                           Histogram lag, Map<String, Histogram> correctedByClass, Counts counts,
                           List<String> firstErrors) {

    /** Responses (successful or not) per second of measurement. */
    public double achievedRate() {
        long responses = counts.completed() + counts.statusErrors() + counts.bodyErrors();
        return responses / (measuredNanos / 1e9);
    }
}

package dev.concurrencybench.loadgen.driver;

import dev.concurrencybench.report.results.Counts;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One reporting interval (about a second) of a measurement. Histograms hold microseconds and carry their
 * start/end time stamps (epoch ms) and a tag ({@code corrected}, {@code uncorrected}, {@code lag},
 * {@code corrected.<class>}), ready for an {@code .hlog}.
 *
 * @param index          0-based interval number
 * @param elapsedNanos   time since the measurement started, in nanoseconds
 * @param corrected      latency from the intended send time, µs
 * @param uncorrected    latency from the actual send, µs
 * @param lag            generator lag, µs
 * @param correctedByClass corrected latency per request class, µs
 * @param counts         cumulative outcomes so far
 * @param last           true for the final interval (after the drain)
 */
public record Interval(int index, long elapsedNanos, Histogram corrected, Histogram uncorrected, Histogram lag,
                       Map<String, Histogram> correctedByClass, Counts counts, boolean last) {

    /**
     * Listener of intervals, called on the driver's own thread in a quiet moment (nothing in flight, the next send
     * some way off): whatever it does still delays what comes next, so keep it short.
     */
    @FunctionalInterface
    public interface Listener {
        /** Called once per interval; must not keep the histograms beyond the call (they are reused). */
        void onInterval(Interval interval);

        /**
         * Called once when the measurement window opens, on the driver's own thread (not in a quiet moment: the
         * window opens on time). Does nothing unless overridden; the driver-health reading starts here.
         */
        default void onWindowOpen() {
        }
    }
}

package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.report.results.DriverHealth;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a measurement can be trusted. The rule (also in the README):
 * <ul>
 *   <li>open loop: at least one request was answered (else the first reason is {@value #SERVED_NONE});</li>
 *   <li>open loop: the achieved rate (responses per second) is at least 99 % of the target rate;</li>
 *   <li>generator lag P99 is at most {@value #LAG_FLOOR_MICROS} µs or at most a quarter of the corrected P99 —
 *       above that the generator, not the server, is the bottleneck;</li>
 *   <li>no scheduled request was left unsent;</li>
 *   <li>errors (bad status or body, timeouts, resets, connect failures) are at most 0.1 % of requests.</li>
 * </ul>
 * Lag excludes time spent waiting for a free connection: that wait is the server's doing (it is slow to answer)
 * and belongs to the latency, not to the generator.
 */
public final class Validity {

    /**
     * Lag P99 below this is never held against a run, in µs. The rule predates the single-thread driver, whose lag
     * P99 is a few microseconds on a quiet, pinned machine; it is kept as it was, so that verdicts stay comparable
     * with earlier runs (see the README).
     */
    public static final long LAG_FLOOR_MICROS = 200;

    /** The reason a measurement gets when the server answered none of its requests; the tables show it in red. */
    public static final String SERVED_NONE = "0 req/s served";

    private Validity() {
    }

    /** The reasons the run is invalid; empty when it is valid. */
    public static List<String> reasons(DriverResult r) {
        return reasons(r, null);
    }

    /**
     * The reasons the run is invalid; empty when it is valid. A generator-lag reason ends with what the driver's
     * health shows over the window (steal, JIT, GC pauses, preemptions), so an invalid cell carries its likely cause.
     *
     * @param health the driver's health over the window, or null when not read
     */
    public static List<String> reasons(DriverResult r, DriverHealth health) {
        List<String> reasons = new ArrayList<>();
        DriverConfig c = r.config();
        if (c.mode() != DriverConfig.Mode.CLOSED_LOOP && r.counts().completed() == 0) {
            // under hostile clients this is a result, not a harness failure: the model stopped serving
            reasons.add(SERVED_NONE + ": not one normal request was answered");
        }
        if (c.mode() != DriverConfig.Mode.CLOSED_LOOP && r.achievedRate() < 0.99 * c.ratePerSecond()) {
            reasons.add(String.format("achieved %.0f req/s, more than 1%% under the target %.0f req/s",
                    r.achievedRate(), c.ratePerSecond()));
        }
        long lagP99 = r.lag().getValueAtPercentile(99);
        long corrP99 = r.corrected().getValueAtPercentile(99);
        if (lagP99 > LAG_FLOOR_MICROS && lagP99 * 4 > corrP99) {
            reasons.add(lagReason(lagP99, corrP99, health));
        }
        if (r.counts().notSent() > 0) {
            reasons.add(r.counts().notSent() + " scheduled requests were never sent");
        }
        long all = r.counts().completed() + r.counts().errors();
        if (r.counts().errors() > 0 && r.counts().errors() * 1000 > all) {
            reasons.add(r.counts().errors() + " errors in " + all + " requests (more than 0.1 %)");
        }
        return reasons;
    }

    /** The one-line generator-lag reason, with the health figures of the window when there are any. */
    static String lagReason(long lagP99, long corrP99, DriverHealth health) {
        return "generator lag P99 " + lagP99 + " µs is more than a quarter of the latency P99 " + corrP99 + " µs"
                + (health == null ? "" : " (window: " + health.describe() + ")");
    }
}

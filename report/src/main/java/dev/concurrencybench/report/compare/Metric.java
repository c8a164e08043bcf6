package dev.concurrencybench.report.compare;

import java.util.Locale;

/**
 * The metrics compared, with the direction in which a change is bad and the default tolerance δ (the ratio
 * candidate / baseline may drift up to 1 + δ, or down to 1 / (1 + δ), before it counts as a change).
 */
public enum Metric {
    /** Median corrected latency, µs. */
    P50("P50", "µs", 50.0, true, 0.05),
    /** 99th percentile corrected latency, µs. */
    P99("P99", "µs", 99.0, true, 0.10),
    /** 99.9th percentile corrected latency, µs. */
    P999("P99.9", "µs", 99.9, true, 0.20),
    /** Achieved rate, responses per second (summary.json's {@code achievedRate}; one value per repetition). */
    RATE("rate", "req/s", Double.NaN, false, 0.01),
    /** Server CPU time per successful response, µs (from summary.json's serverMetrics). */
    CPU_PER_REQUEST("CPU/req", "µs", Double.NaN, true, 0.05),
    /** Peak resident set size of the server, MiB (from summary.json's serverMetrics). */
    PEAK_RSS("RSS", "MiB", Double.NaN, true, 0.10);

    /**
     * A percentile needs at least this many samples beyond it on each side to be estimated at all: the issue's
     * rule "P99.9 needs 100k requests per side" is 100 samples in its tail, applied to every percentile.
     */
    public static final long SAMPLES_BEYOND_PERCENTILE = 100;

    private final String label;
    private final String unit;
    private final double percentile;
    private final boolean higherIsWorse;
    private final double defaultDelta;

    Metric(String label, String unit, double percentile, boolean higherIsWorse, double defaultDelta) {
        this.label = label;
        this.unit = unit;
        this.percentile = percentile;
        this.higherIsWorse = higherIsWorse;
        this.defaultDelta = defaultDelta;
    }

    /** As printed in tables: {@code P99.9}, {@code CPU/req}. */
    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** The percentile for latency metrics, NaN for the others. */
    public double percentile() {
        return percentile;
    }

    public boolean isLatency() {
        return !Double.isNaN(percentile);
    }

    /** Whether a higher candidate value is the bad direction (latency, CPU, memory) or a lower one (rate). */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** Default tolerance δ as a fraction (0.10 = 10 %). */
    public double defaultDelta() {
        return defaultDelta;
    }

    /** Requests per side needed to estimate this metric: 100 beyond the percentile (P99.9: 100 000). */
    public long minimumSamples() {
        if (!isLatency()) {
            return 1;
        }
        double n = SAMPLES_BEYOND_PERCENTILE * 100.0 / (100.0 - percentile);
        return Math.abs(n - Math.rint(n)) < 1e-6 ? Math.round(n) : (long) Math.ceil(n); // 100/0.1 is not exact
    }

    /** The key used on command lines and in config files: {@code p50}, {@code p99}, {@code p999}, {@code rate},
     *  {@code cpu}, {@code rss}. */
    public String key() {
        return switch (this) {
            case CPU_PER_REQUEST -> "cpu";
            case PEAK_RSS -> "rss";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** The metric of a key ({@link #key()}, or its label such as {@code p99.9}), case-insensitive; null if none. */
    public static Metric ofKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.key().equals(k) || m.label.toLowerCase(Locale.ROOT).equals(k)) {
                return m;
            }
        }
        return null;
    }
}

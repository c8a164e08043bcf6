package dev.concurrencybench.report.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a comparison is judged. Immutable.
 *
 * @param deltas     tolerance δ per metric, as a fraction (0.10 = 10 %)
 * @param gating     metrics whose regression fails the comparison (exit 1); the others are advisory. Validity
 *                   always gates (exit 4).
 * @param seed       bootstrap seed: the same inputs and seed give the same verdicts
 * @param resamples  bootstrap resamples per cell, at least {@link #MIN_RESAMPLES}
 * @param driver     which driver's files to read: {@code precise} (the cell folder) or {@code gatling}
 *                   (its {@code gatling/} subfolder)
 */
public record CompareSettings(Map<Metric, Double> deltas, Set<Metric> gating, long seed, int resamples,
                              String driver) {

    /** Fewer resamples leave the 5 % tails of the bootstrap distribution resting on a handful of values. */
    public static final int MIN_RESAMPLES = 2000;
    /** Significance level of each one-sided test; the reported interval is the two-sided 1 − 2α = 90 % one. */
    public static final double ALPHA = 0.05;
    /** Default seed. */
    public static final long DEFAULT_SEED = 20_240_917L;

    public CompareSettings {
        deltas = Collections.unmodifiableMap(new EnumMap<>(deltas));
        gating = gating.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(gating));
        if (resamples < MIN_RESAMPLES) {
            throw new IllegalArgumentException("resamples must be >= " + MIN_RESAMPLES + ", not " + resamples);
        }
        if (!driver.equals("precise") && !driver.equals("gatling")) {
            throw new IllegalArgumentException("driver must be 'precise' or 'gatling', not '" + driver + "'");
        }
        for (Metric m : Metric.values()) {
            Double d = deltas.get(m);
            if (d == null || !(d > 0) || d > 10) {
                throw new IllegalArgumentException("delta of " + m.key() + " must be > 0 % and <= 1000 %, not " + d);
            }
        }
    }

    /** The defaults: δ P50 5 %, P99 10 %, P99.9 20 %, rate 1 %, CPU/req 5 %, RSS 10 %; P99 gates. */
    public static CompareSettings defaults() {
        Map<Metric, Double> d = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            d.put(m, m.defaultDelta());
        }
        return new CompareSettings(d, EnumSet.of(Metric.P99), DEFAULT_SEED, MIN_RESAMPLES, "precise");
    }

    public double delta(Metric m) {
        return deltas.get(m);
    }

    public CompareSettings withDelta(Metric m, double delta) {
        Map<Metric, Double> d = new EnumMap<>(deltas);
        d.put(m, delta);
        return new CompareSettings(d, gating, seed, resamples, driver);
    }

    public CompareSettings withGating(Set<Metric> g) {
        return new CompareSettings(deltas, g, seed, resamples, driver);
    }

    public CompareSettings withSeed(long s) {
        return new CompareSettings(deltas, gating, s, resamples, driver);
    }

    public CompareSettings withResamples(int r) {
        return new CompareSettings(deltas, gating, seed, r, driver);
    }

    public CompareSettings withDriver(String d) {
        return new CompareSettings(deltas, gating, seed, resamples, d);
    }

    /**
     * Applies a config file over these settings. The format is one {@code key = value} a line, {@code #} starts a
     * comment:
     * <pre>
     * delta.p99  = 10%     # tolerance per metric in percent: p50 p99 p999 rate cpu rss
     * gating     = p99, p999
     * seed       = 42
     * resamples  = 4000
     * </pre>
     *
     * @throws CompareInputException naming the file and line of the first bad entry
     */
    public CompareSettings withFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new CompareInputException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new CompareInputException("cannot read config file " + file + ": " + e.getMessage());
        }
        CompareSettings s = this;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new CompareInputException(where + "expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            try {
                if (key.startsWith("delta.")) {
                    s = s.withDelta(metric(key.substring(6)), percent(value));
                } else if (key.equals("gating")) {
                    s = s.withGating(metrics(value));
                } else if (key.equals("seed")) {
                    s = s.withSeed(Long.parseLong(value));
                } else if (key.equals("resamples")) {
                    s = s.withResamples(Integer.parseInt(value));
                } else {
                    throw new IllegalArgumentException("unknown key '" + key
                            + "' (known: delta.<metric>, gating, seed, resamples)");
                }
            } catch (IllegalArgumentException e) {
                throw new CompareInputException(where + e.getMessage());
            }
        }
        return s;
    }

    /** A metric key, or IllegalArgumentException listing the known ones. */
    public static Metric metric(String key) {
        Metric m = Metric.ofKey(key);
        if (m == null) {
            throw new IllegalArgumentException("unknown metric '" + key + "' (known: p50, p99, p999, rate, cpu, rss)");
        }
        return m;
    }

    /** A comma-separated metric list; {@code none} is the empty set. */
    public static Set<Metric> metrics(String list) {
        Set<Metric> out = EnumSet.noneOf(Metric.class);
        if (list.strip().equalsIgnoreCase("none")) {
            return out;
        }
        for (String k : list.split(",")) {
            out.add(metric(k));
        }
        return out;
    }

    /** A tolerance in percent ({@code 10%} or {@code 10}), as a fraction. */
    public static double percent(String value) {
        String v = value.strip();
        if (v.endsWith("%")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        try {
            double d = Double.parseDouble(v) / 100.0;
            if (!(d > 0) || d > 10) {
                throw new IllegalArgumentException("tolerance must be > 0% and <= 1000%, not '" + value + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tolerance must be a percentage such as 10%, not '" + value + "'");
        }
    }
}

package dev.concurrencybench.harness.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which load generator measures a cell: the suite's precise open-loop driver (µs, from intended send times) or
 * Gatling (whole ms, from actual send times, results in the cell's {@code gatling/} folder). Both may run on the
 * same cell, one after the other, in the order given.
 */
public enum Driver {
    PRECISE, GATLING;

    /** The CLI spelling. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code --driver}: {@code precise}, {@code gatling}, or both comma-separated.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static List<Driver> parse(String spec) {
        List<Driver> out = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            Driver d = switch (part.strip().toLowerCase(Locale.ROOT)) {
                case "precise" -> PRECISE;
                case "gatling" -> GATLING;
                default -> throw new IllegalArgumentException("--driver: unknown driver '" + part.strip()
                        + "'; known: precise, gatling (comma-separated for both)");
            };
            if (out.contains(d)) throw new IllegalArgumentException("--driver: '" + d.id() + "' given twice");
            out.add(d);
        }
        return List.copyOf(out);
    }
}

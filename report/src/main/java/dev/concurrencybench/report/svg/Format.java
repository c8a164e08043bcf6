package dev.concurrencybench.report.svg;

import java.util.Locale;

/** Number formats shared by the charts and the tables (locale-independent). Stateless. */
public final class Format {

    private Format() {
    }

    /** A latency given in µs, in the unit that keeps it short: {@code 850 µs}, {@code 12 ms}, {@code 1.5 s}. */
    public static String micros(double us) {
        if (us >= 1_000_000) {
            return trim(us / 1_000_000) + " s";
        }
        if (us >= 1_000) {
            return trim(us / 1_000) + " ms";
        }
        return trim(us) + " µs";
    }

    /** Up to three significant digits, no trailing zeros: 1, 2.5, 12.3, 250. */
    public static String trim(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        String s = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** A fixed number of decimals, locale-independent. */
    public static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}

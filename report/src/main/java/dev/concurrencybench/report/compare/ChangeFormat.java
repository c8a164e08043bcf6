package dev.concurrencybench.report.compare;

import java.util.Locale;

/** How values, ratios and intervals are written in every output, so the table, Markdown and annotations agree. */
final class ChangeFormat {

    private ChangeFormat() {
    }

    /** A metric value in its unit: latencies as whole µs, the rest with one decimal. */
    static String value(Metric m, double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return m.isLatency() ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A ratio as a signed change: 1.123 → {@code +12.3%}. */
    static String change(Double ratio) {
        if (ratio == null || !Double.isFinite(ratio)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /** An interval of ratios as changes: {@code [+8.1%, +16.0%]}, or "-" when none was computed. */
    static String interval(Double lo, Double hi) {
        if (lo == null || hi == null) {
            return "-";
        }
        return "[" + change(lo) + ", " + change(hi) + "]";
    }

    /** δ as a percentage: {@code ±10%}. */
    static String delta(double d) {
        return String.format(Locale.ROOT, "±%s%%", trim(d * 100));
    }

    static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d).replaceAll("0+$", "");
    }

    /** One line on a metric result: {@code eventloop/plaintext P99 +17.6% [+12.0%, +22.3%] (δ ±10%): REGRESSION}. */
    static String line(CellResult c, MetricResult m) {
        StringBuilder b = new StringBuilder();
        b.append(c.key()).append(' ').append(m.metric().label()).append(m.gating() ? " (gating)" : " (advisory)");
        if (m.verdict() == Verdict.INVALID) {
            return b.append(": INVALID: ").append(String.join("; ", c.invalidReasons())).toString();
        }
        b.append(' ').append(value(m.metric(), m.base())).append(" → ").append(value(m.metric(), m.candidate()))
                .append(' ').append(m.metric().unit()).append(", ").append(change(m.ratio())).append(' ')
                .append(interval(m.ciLow(), m.ciHigh())).append(" (δ ").append(delta(m.delta())).append("): ")
                .append(m.verdict());
        if (m.repetitionsNeeded() != null) {
            b.append(", about ").append(m.repetitionsNeeded()).append(" repetitions per side needed");
        }
        if (m.note() != null) {
            b.append(" (").append(m.note()).append(')');
        }
        return b.toString();
    }
}

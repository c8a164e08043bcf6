package dev.concurrencybench.report.table;

import dev.concurrencybench.report.svg.Format;

/** "baseline → now" cells with ▲ (higher now) or ▼ (lower now) and the relative change. No verdict. Stateless. */
public final class Change {

    private Change() {
    }

    /** {@code 120 → 150 ▲25%}; {@code -} parts when a side is missing. */
    public static String of(double base, double now) {
        if (Double.isNaN(base) || Double.isNaN(now)) {
            return (Double.isNaN(base) ? "-" : Format.trim(base)) + " → " + (Double.isNaN(now) ? "-" : Format.trim(now));
        }
        String arrow = now > base ? " ▲" : now < base ? " ▼" : " =";
        double change = base == 0 ? 0 : Math.abs(now - base) * 100 / base;
        String pct = base == 0 ? "" : Format.fixed(change, change >= 10 ? 0 : 1) + "%";
        return Format.trim(base) + " → " + Format.trim(now) + arrow + (now == base ? "" : pct);
    }
}

package dev.concurrencybench.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values onto pixels along one axis, linearly or on a log10 scale, and picks tick values. Immutable.
 *
 * @param min    lowest data value shown (> 0 for log)
 * @param max    highest data value shown
 * @param from   pixel of {@code min}
 * @param to     pixel of {@code max} (may be smaller than {@code from}: y grows downwards)
 * @param log    log10 scale
 */
public record Scale(double min, double max, double from, double to, boolean log) {

    /** A linear scale from 0 (or {@code lo}) to a rounded-up {@code hi}. */
    public static Scale linear(double lo, double hi, double from, double to) {
        double step = niceCeil((hi - lo) / 5);
        double top = hi <= lo ? lo + 1 : lo + Math.ceil((hi - lo) / step - 1e-9) * step;
        return new Scale(lo, top, from, to, false);
    }

    /** A log scale covering [lo, hi] widened to whole decades; values ≤ 0 are clamped to {@code lo}. */
    public static Scale log(double lo, double hi, double from, double to) {
        double l = Math.pow(10, Math.floor(Math.log10(Math.max(lo, 1e-9))));
        double h = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, l * 10))));
        if (h <= l) {
            h = l * 10;
        }
        return new Scale(l, h, from, to, true);
    }

    /** The pixel of {@code v}, clamped to the axis. */
    public double at(double v) {
        double f;
        if (log) {
            double c = Math.min(Math.max(v, min), max);
            f = (Math.log10(c) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        } else {
            f = (Math.min(Math.max(v, min), max) - min) / (max - min);
        }
        return from + f * (to - from);
    }

    /** Tick values: decades (and 2, 5 when the range is short) on a log scale, about five steps on a linear one. */
    public List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        if (log) {
            boolean fine = Math.log10(max / min) <= 2.01;
            for (double d = min; d <= max * 1.0001; d *= 10) {
                t.add(d);
                if (fine && d * 2 < max) {
                    t.add(d * 2);
                    t.add(d * 5);
                }
            }
        } else {
            double step = niceCeil((max - min) / 6);
            for (double v = min; v <= max + step * 1e-6; v += step) {
                t.add(v);
            }
        }
        return t;
    }

    /** The smallest 1, 2, 2.5 or 5 × 10^n at or above {@code v}. */
    static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v * 0.9999) {
                return m * p;
            }
        }
        return 10 * p;
    }
}

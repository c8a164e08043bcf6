package dev.concurrencybench.report.compare;

import dev.concurrencybench.report.svg.Palette;
import dev.concurrencybench.report.svg.SvgDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The forest plot of one metric: a row per compared cell with its ratio candidate/baseline (a dot) and 90 %
 * interval (a bar), over the shaded tolerance band [1/(1+δ), 1+δ] and a line at 1, each entry coloured by its
 * verdict. The ratio axis is logarithmic, so +25 % and −20 % (the same factor) are as far from 1. Stateless.
 */
public final class ForestPlot {

    private static final double WIDTH = 760;
    private static final double LABEL = 230;
    private static final double TEXT = 190;
    private static final double ROW = 22;
    private static final double TOP = 28;
    private static final double BOTTOM = 46;

    private ForestPlot() {
    }

    /** The colour of a verdict; red is the suite's colour for what must not pass. */
    static String colour(Verdict v) {
        return switch (v) {
            case REGRESSION -> Palette.INVALID;
            case IMPROVEMENT -> "#2ca02c";
            case NO_CHANGE -> "#7f7f7f";
            case INCONCLUSIVE -> "#ff7f0e";
            case INVALID -> "#000000";
        };
    }

    /** The SVG element, or null when no cell has this metric. */
    public static String svg(ComparisonResult r, Metric metric) {
        List<CellResult> cells = new ArrayList<>();
        List<MetricResult> results = new ArrayList<>();
        for (CellResult c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                if (m.metric() == metric) {
                    cells.add(c);
                    results.add(m);
                }
            }
        }
        if (cells.isEmpty()) {
            return null;
        }
        double delta = r.settings().delta(metric);
        double lo = Math.log(1 / (1 + delta)) * 1.5;
        double hi = Math.log(1 + delta) * 1.5;
        for (MetricResult m : results) {
            for (Double v : new Double[] {m.ciLow(), m.ciHigh(), Double.isFinite(m.ratio()) ? m.ratio() : null}) {
                if (v != null && v > 0) {
                    lo = Math.min(lo, Math.log(v));
                    hi = Math.max(hi, Math.log(v));
                }
            }
        }
        double min = Math.max(lo, Math.log(0.25));  // past ×4 either way the bar is clipped at the edge
        double max = Math.min(hi, Math.log(4));
        double plotLeft = LABEL;
        double plotRight = WIDTH - TEXT;
        java.util.function.DoubleUnaryOperator x = ratio -> {
            double l = Math.max(min, Math.min(max, Math.log(ratio)));
            return plotLeft + (l - min) / (max - min) * (plotRight - plotLeft);
        };
        double height = TOP + ROW * cells.size() + BOTTOM;
        boolean gating = r.settings().gating().contains(metric);
        SvgDocument svg = new SvgDocument(WIDTH, height, "forest", metric.label() + " ratio candidate/baseline with "
                + "90 % intervals; shaded: δ " + ChangeFormat.delta(delta) + (gating ? " (gating)" : " (advisory)"));
        svg.text(plotLeft, 16, metric.label() + (gating ? " (gating)" : " (advisory)") + ": candidate / baseline, "
                + "shaded band δ " + ChangeFormat.delta(delta), "start", 13, null, 0);
        double bandLeft = x.applyAsDouble(1 / (1 + delta));
        svg.beginSeries("band").rect(bandLeft, TOP - 4, x.applyAsDouble(1 + delta) - bandLeft, ROW * cells.size() + 8,
                "#e8e8e8", null, "tolerance band " + ChangeFormat.delta(delta)).endSeries();
        double bottom = TOP + ROW * cells.size();
        svg.line(x.applyAsDouble(1), TOP - 4, x.applyAsDouble(1), bottom + 4, "#444444", 1, null);
        List<Double> drawn = new ArrayList<>();
        for (double tick : new double[] {1 / (1 + delta), 1 + delta, 1, 0.25, 0.5, 0.8, 0.9, 1.1, 1.25, 1.5, 2, 4}) {
            double l = Math.log(tick);
            double tx = x.applyAsDouble(tick);
            // the band's edges first; a round tick closer than 40 px to one drawn already would overprint it
            if (l >= min - 1e-9 && l <= max + 1e-9 && drawn.stream().allMatch(d -> Math.abs(d - tx) >= 40)) {
                drawn.add(tx);
                svg.line(tx, bottom + 4, tx, bottom + 9, "#444444", 1, null);
                svg.text(tx, bottom + 22, ChangeFormat.change(tick), "middle", 11, null, 0);
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            CellResult c = cells.get(i);
            MetricResult m = results.get(i);
            double y = TOP + ROW * i + ROW / 2;
            String colour = colour(m.verdict());
            String tip = ChangeFormat.line(c, m);
            svg.beginSeries(c.key());
            svg.text(plotLeft - 8, y + 4, c.server() + " / " + c.scenario(), "end", 12, null, 0);
            if (m.ciLow() != null && m.ciHigh() != null) {
                svg.line(x.applyAsDouble(m.ciLow()), y, x.applyAsDouble(m.ciHigh()), y, colour, 3, null);
            }
            if (Double.isFinite(m.ratio()) && m.ratio() > 0) {
                svg.circle(x.applyAsDouble(m.ratio()), y, 5, colour, null, tip);
            }
            svg.text(plotRight + 8, y + 4, (Double.isFinite(m.ratio()) ? ChangeFormat.change(m.ratio()) + "  " : "")
                    + m.verdict(), "start", 12, colour, 0);
            svg.endSeries();
        }
        double lx = plotLeft;
        for (Verdict v : Verdict.values()) {
            svg.circle(lx + 5, height - 10, 5, colour(v), null, null);
            svg.text(lx + 14, height - 6, v.name(), "start", 11, null, 0);
            lx += 24 + 8 * v.name().length();
        }
        return svg.toString();
    }
}

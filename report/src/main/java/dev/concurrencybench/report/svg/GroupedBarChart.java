package dev.concurrencybench.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Bars grouped along x (one group per percentile, or per scenario), one bar per series (server) in its colour.
 * An invalid bar keeps its colour but gets a red outline and a red ✗, and the legend says it is invalid; a missing
 * value leaves a gap labelled "n/a", never a zero bar. Optional reference lines (the driver's floor) cross a group.
 * Single-use builder, not thread-safe.
 */
public final class GroupedBarChart {

    /** One bar series: a server, its colour, its value per group (NaN = none) and validity per group. */
    public record Series(String name, String colour, double[] values, boolean[] invalid, boolean faded) {
        public Series(String name, String colour, double[] values, boolean[] invalid) {
            this(name, colour, values, invalid, false);
        }
    }

    /** A horizontal reference line across one group, e.g. the floor's P99. */
    public record Marker(int group, double value, String label) {
    }

    private final String chart;
    private final String title;
    private final List<String> groups;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private boolean log;
    private String yTitle = "";
    private DoubleFunction<String> yLabel = Format::trim;
    private String markerLegend;

    public GroupedBarChart(String chart, String title, List<String> groups) {
        this.chart = chart;
        this.title = title;
        this.groups = List.copyOf(groups);
    }

    public GroupedBarChart log(boolean log) {
        this.log = log;
        return this;
    }

    public GroupedBarChart yAxis(String title, DoubleFunction<String> label) {
        this.yTitle = title;
        this.yLabel = label;
        return this;
    }

    public GroupedBarChart add(Series s) {
        series.add(s);
        return this;
    }

    /** Adds reference lines, named {@code legend} in the legend. */
    public GroupedBarChart markers(String legend, List<Marker> lines) {
        this.markerLegend = legend;
        markers.addAll(lines);
        return this;
    }

    public String render(double width, double plotHeight) {
        List<Plot.LegendItem> legend = new ArrayList<>();
        boolean anyInvalid = false;
        for (Series s : series) {
            legend.add(Plot.LegendItem.box(s.name(), s.faded() ? s.colour() + "80" : s.colour()));
            for (boolean b : s.invalid()) {
                anyInvalid |= b;
            }
        }
        if (markerLegend != null && !markers.isEmpty()) {
            legend.add(Plot.LegendItem.line(markerLegend, Palette.FLOOR, "6 3"));
        }
        if (anyInvalid) {
            legend.add(new Plot.LegendItem("✗ invalid measurement (see reasons)", Palette.INVALID, null, "box"));
        }
        Plot plot = new Plot(width, plotHeight, false, chart, title, legend);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (Marker m : markers) {
            lo = Math.min(lo, m.value());
            hi = Math.max(hi, m.value());
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        Scale y = log ? plot.yLog(Math.max(1, lo / 2), hi * 1.3) : plot.yLinear(0, hi * 1.1);
        SvgDocument svg = plot.svg();
        plot.yAxis(y, yLabel, yTitle, true);
        double groupWidth = (plot.x1() - plot.x0()) / Math.max(1, groups.size());
        double barWidth = Math.min(44, groupWidth * 0.8 / Math.max(1, series.size()));
        svg.beginSeries("axis x");
        svg.line(plot.x0(), plot.y0(), plot.x1(), plot.y0(), "#333", 1, null);
        for (int g = 0; g < groups.size(); g++) {
            svg.text(plot.x0() + groupWidth * (g + 0.5), plot.y0() + 17, groups.get(g), "middle", 12, "#222", 0);
        }
        svg.endSeries();
        double base = y.at(y.min());
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            svg.beginSeries(s.name());
            for (int g = 0; g < groups.size(); g++) {
                double x = plot.x0() + groupWidth * g + (groupWidth - barWidth * series.size()) / 2 + barWidth * si;
                double v = g < s.values().length ? s.values()[g] : Double.NaN;
                if (Double.isNaN(v)) {
                    svg.text(x + barWidth / 2, base - 4, "n/a", "middle", 9, "#777", 0);
                    continue;
                }
                boolean bad = s.invalid()[g];
                double top = y.at(Math.max(v, y.min()));
                // a faded bar (Gatling's) keeps the server's hue but never passes for the precise driver's
                svg.rect(x + 1, top, barWidth - 2, base - top, s.faded() ? s.colour() + "80" : s.colour(),
                        bad ? Palette.INVALID : null,
                        s.name() + " " + groups.get(g) + ": " + yLabel.apply(v) + (bad ? " (INVALID)" : ""));
                svg.text(x + barWidth / 2, top - 3, (bad ? "✗ " : "") + yLabel.apply(v), "middle", 9,
                        bad ? Palette.INVALID : "#333", 0);
            }
            svg.endSeries();
        }
        if (!markers.isEmpty()) {
            svg.beginSeries("floor");
            for (Marker m : markers) {
                double py = y.at(m.value());
                double gx = plot.x0() + groupWidth * m.group();
                svg.line(gx + 4, py, gx + groupWidth - 4, py, Palette.FLOOR, 2, "6 3");
                svg.text(gx + groupWidth - 4, py - 3, m.label(), "end", 9, Palette.FLOOR, 0);
            }
            svg.endSeries();
        }
        return svg.toString();
    }
}

package dev.concurrencybench.report.svg;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.IntervalPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency over time of one measurement: each interval's (about 1 s) corrected P99 and maximum on a log µs axis,
 * and the achieved rate against the target rate on a second, linear req/s axis. A stall shows as a max spike
 * together with a dip in the achieved rate. Stateless.
 */
public final class TimelineChart {

    private TimelineChart() {
    }

    public static String render(Cell cell, Palette palette) {
        String colour = palette.colour(cell.server());
        List<IntervalPoint> pts = cell.latency().intervals();
        double target = cell.summary() == null ? Double.NaN : cell.summary().targetRate();
        List<Plot.LegendItem> legend = new ArrayList<>(List.of(
                Plot.LegendItem.line("interval P99 (left)", colour, null),
                Plot.LegendItem.line("interval max (left)", colour, "7 4"),
                Plot.LegendItem.line("achieved req/s (right)", "#444", null)));
        if (target > 0) {
            legend.add(Plot.LegendItem.line("target req/s (right)", "#444", "3 3"));
        }
        String title = "Over time: " + cell.label() + " / " + cell.scenario()
                + (cell.variant() != null && !cell.gatling() ? " / " + cell.variant() : "")
                + (cell.valid() ? "" : "  ✗ INVALID");
        Plot plot = new Plot(560, 190, true, "timeline", title, legend);
        double end = 1;
        double hi = 1;
        double lo = Double.MAX_VALUE;
        double rateHi = target > 0 ? target : 1;
        for (IntervalPoint p : pts) {
            end = Math.max(end, p.offsetSeconds() + p.lengthSeconds());
            hi = Math.max(hi, p.maxMicros());
            if (p.p99Micros() > 0) {
                lo = Math.min(lo, p.p99Micros());
            }
            if (!Double.isNaN(p.ratePerSecond())) {
                rateHi = Math.max(rateHi, p.ratePerSecond());
            }
        }
        double last = end;
        Scale x = new Scale(0, last, plot.x0(), plot.x1(), false);
        Scale y = plot.yLog(lo == Double.MAX_VALUE ? 1 : Math.max(1, lo / 2), hi * 1.2);
        Scale rate = Scale.linear(0, rateHi * 1.15, plot.y0(), plot.y1());
        plot.xAxis(Scale.linear(0, end, 0, 1).ticks().stream().filter(t -> t <= last).toList(), x, Format::trim, "time since the measurement started (s)");
        plot.yAxis(y, Plot::microsLabel, "latency (log scale)", true);
        plot.yAxis(rate, Format::trim, "rate (req/s)", false);
        SvgDocument svg = plot.svg();
        List<double[]> p99 = Plot.points();
        List<double[]> max = Plot.points();
        List<double[]> achieved = Plot.points();
        for (IntervalPoint p : pts) {
            double mid = x.at(p.offsetSeconds() + p.lengthSeconds() / 2);
            if (p.p99Micros() > 0) {
                p99.add(new double[] {mid, y.at(p.p99Micros())});
                max.add(new double[] {mid, y.at(p.maxMicros())});
            }
            if (!Double.isNaN(p.ratePerSecond())) {
                achieved.add(new double[] {mid, rate.at(p.ratePerSecond())});
            }
        }
        svg.beginSeries("interval p99").polyline(p99, colour, 2.5, null, 1).endSeries();
        svg.beginSeries("interval max").polyline(max, colour, 1.5, "7 4", 0.9).endSeries();
        svg.beginSeries("achieved rate").polyline(achieved, "#444", 1.5, null, 1).endSeries();
        if (target > 0) {
            svg.beginSeries("target rate");
            svg.line(plot.x0(), rate.at(target), plot.x1(), rate.at(target), "#444", 1, "3 3");
            svg.endSeries();
        }
        return svg.toString();
    }
}

package dev.concurrencybench.report.svg;

import dev.concurrencybench.report.read.Cell;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The percentile spectrum of one scenario, every server on one chart: x is "nines", log10(1/(1−p)) (50 %, 90 %,
 * 99 %, 99.9 %, …), y is latency in µs on a log scale. Corrected latency (from the intended send time) is solid,
 * uncorrected (from the actual send) dashed, so coordinated omission shows as the gap between them; a baseline
 * run's corrected latency is drawn thin and dotted. Values come from the merged histograms, at each x step.
 * Stateless.
 */
public final class SpectrumChart {

    private static final double FIRST = Math.log10(2); // P50
    private static final double STEP = 0.05;

    private SpectrumChart() {
    }

    /**
     * @param scenario  the scenario's name, for the title
     * @param cells     its measurements (cells without a latency log are left out)
     * @param baseline  the baseline's cells of the same scenario, matched by server; may be empty
     */
    public static String render(String scenario, List<Cell> cells, List<Cell> baseline, Palette palette) {
        List<Cell> drawn = cells.stream().filter(c -> c.latency() != null && c.latency().corrected().getTotalCount() > 0)
                .toList();
        List<Cell> base = baseline.stream()
                .filter(c -> c.latency() != null && c.latency().corrected().getTotalCount() > 0).toList();
        List<Plot.LegendItem> legend = new ArrayList<>();
        long maxCount = 10;
        double lo = Double.MAX_VALUE;
        double hi = 1;
        for (Cell c : concat(drawn, base)) {
            Histogram h = c.latency().corrected();
            maxCount = Math.max(maxCount, h.getTotalCount());
            lo = Math.min(lo, h.getValueAtPercentile(50));
            hi = Math.max(hi, h.getMaxValue());
            if (c.latency().uncorrected() != null && c.latency().uncorrected().getTotalCount() > 0) {
                lo = Math.min(lo, c.latency().uncorrected().getValueAtPercentile(50));
            }
        }
        for (Cell c : drawn) {
            String mark = c.valid() ? "" : " ✗ INVALID";
            legend.add(Plot.LegendItem.line(c.label() + " corrected" + mark, palette.colour(c.server()), solid(c)));
            if (c.latency().uncorrected() != null) {
                legend.add(Plot.LegendItem.line(c.label() + " uncorrected", palette.colour(c.server()), "7 4"));
            }
        }
        for (Cell c : base) {
            legend.add(Plot.LegendItem.line(c.label() + " baseline", palette.colour(c.server()), "2 3"));
        }
        Plot plot = new Plot(860, 330, false, "spectrum", "Percentile spectrum: " + scenario, legend);
        double xmax = Math.min(5, Math.max(3, Math.ceil(Math.log10(maxCount))));
        Scale x = new Scale(FIRST, xmax, plot.x0(), plot.x1(), false);
        Scale y = plot.yLog(Math.max(1, lo == Double.MAX_VALUE ? 1 : lo / 1.5), hi * 1.2);
        List<Double> ticks = new ArrayList<>(List.of(FIRST));
        for (double t = 1; t <= xmax; t++) {
            ticks.add(t);
        }
        plot.xAxis(ticks, x, SpectrumChart::percentLabel, "percentile (\"nines\": log scale of 1/(1 − p))");
        plot.yAxis(y, Plot::microsLabel, "latency (log scale)", true);
        SvgDocument svg = plot.svg();
        for (Cell c : drawn) {
            String colour = palette.colour(c.server());
            svg.beginSeries(c.label() + " corrected");
            List<double[]> pts = curve(c.latency().corrected(), x, y, xmax);
            svg.polyline(pts, colour, 2.5, solid(c), 1);
            if (!c.valid()) {
                double[] end = pts.get(pts.size() - 1);
                svg.text(end[0] - 4, end[1] - 6, "✗ invalid", "end", 11, Palette.INVALID, 0);
                svg.circle(end[0], end[1], 5, "white", Palette.INVALID, c.label() + ": "
                        + String.join("; ", c.invalidReasons()));
            }
            svg.endSeries();
            if (c.latency().uncorrected() != null && c.latency().uncorrected().getTotalCount() > 0) {
                svg.beginSeries(c.label() + " uncorrected");
                svg.polyline(curve(c.latency().uncorrected(), x, y, xmax), colour, 1.5, "7 4", 0.9);
                svg.endSeries();
            }
        }
        for (Cell c : base) {
            svg.beginSeries(c.label() + " baseline");
            svg.polyline(curve(c.latency().corrected(), x, y, xmax), palette.colour(c.server()), 1.5, "2 3", 0.8);
            svg.endSeries();
        }
        if (drawn.isEmpty()) {
            svg.text((plot.x0() + plot.x1()) / 2, (plot.y0() + plot.y1()) / 2, "no latency log in this scenario",
                    "middle", 13, Palette.INVALID, 0);
        }
        return svg.toString();
    }

    /** Pixel points of a histogram's spectrum, up to where its sample count supports (then its max). */
    static List<double[]> curve(Histogram h, Scale x, Scale y, double xmax) {
        List<double[]> pts = new ArrayList<>();
        double last = Math.min(xmax, Math.log10(h.getTotalCount()));
        for (double n = FIRST; n < last; n += STEP) {
            double p = 100 * (1 - Math.pow(10, -n));
            pts.add(new double[] {x.at(n), y.at(h.getValueAtPercentile(p))});
        }
        pts.add(new double[] {x.at(Math.max(FIRST, last)), y.at(h.getMaxValue())});
        return pts;
    }

    /** Gatling's curve is dash-dotted so it never passes for the precise driver's line of the same server. */
    private static String solid(Cell c) {
        return c.gatling() ? "10 3 2 3" : null;
    }

    static String percentLabel(double nines) {
        double p = 100 * (1 - Math.pow(10, -nines));
        int decimals = (int) Math.max(0, Math.ceil(nines - 1e-9) - 2);
        return Format.fixed(p, decimals) + "%";
    }

    private static List<Cell> concat(List<Cell> a, List<Cell> b) {
        List<Cell> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

package dev.concurrencybench.report.svg;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.results.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency against throughput of a sweep: per server, P50 (dotted), P99 (solid, with a marker per step) and P99.9
 * (dashed) of each step against its achieved rate; the SLO on P99 as a red line; the knee (the highest rate whose
 * step met the SLO at the asked rate) ringed and labelled. Invalid steps get a red marker. Stateless.
 */
public final class SweepChart {

    private SweepChart() {
    }

    /**
     * @param steps     per server, its steps by rising target rate
     * @param sloMicros the SLO on corrected P99, µs (0: none drawn)
     */
    public static String render(String scenario, Map<String, List<Cell>> steps, long sloMicros, Palette palette) {
        List<Plot.LegendItem> legend = new ArrayList<>();
        double rateHi = 1;
        double lo = Double.MAX_VALUE;
        double hi = Math.max(1, sloMicros);
        for (var e : steps.entrySet()) {
            String colour = palette.colour(e.getKey());
            legend.add(Plot.LegendItem.line(e.getKey() + " P99", colour, null));
            legend.add(Plot.LegendItem.line(e.getKey() + " P50", colour, "2 3"));
            legend.add(Plot.LegendItem.line(e.getKey() + " P99.9", colour, "7 4"));
            for (Cell c : e.getValue()) {
                Percentiles p = c.percentiles();
                if (p != null && c.summary() != null) {
                    rateHi = Math.max(rateHi, c.summary().achievedRate());
                    lo = Math.min(lo, Math.max(1, p.p50()));
                    hi = Math.max(hi, p.p999());
                }
            }
        }
        if (sloMicros > 0) {
            legend.add(Plot.LegendItem.line("SLO on P99: " + Format.micros(sloMicros), Palette.INVALID, "8 4"));
        }
        legend.add(new Plot.LegendItem("knee: highest rate within the SLO", "#000", null, "marker"));
        Plot plot = new Plot(860, 320, false, "sweep", "Latency vs throughput: " + scenario, legend);
        Scale x = plot.xLinear(0, rateHi * 1.05);
        Scale y = plot.yLog(lo == Double.MAX_VALUE ? 1 : lo / 1.5, hi * 1.3);
        plot.xAxis(x.ticks(), x, Format::trim, "achieved rate (req/s)");
        plot.yAxis(y, Plot::microsLabel, "latency (log scale)", true);
        SvgDocument svg = plot.svg();
        if (sloMicros > 0) {
            svg.beginSeries("slo");
            svg.line(plot.x0(), y.at(sloMicros), plot.x1(), y.at(sloMicros), Palette.INVALID, 1.5, "8 4");
            svg.text(plot.x1() - 4, y.at(sloMicros) - 4, "SLO " + Format.micros(sloMicros), "end", 10,
                    Palette.INVALID, 0);
            svg.endSeries();
        }
        for (var e : steps.entrySet()) {
            String colour = palette.colour(e.getKey());
            List<double[]> p50 = Plot.points();
            List<double[]> p99 = Plot.points();
            List<double[]> p999 = Plot.points();
            Cell knee = null;
            for (Cell c : e.getValue()) {
                Percentiles p = c.percentiles();
                if (p == null || c.summary() == null) {
                    continue;
                }
                double px = x.at(c.summary().achievedRate());
                p50.add(new double[] {px, y.at(p.p50())});
                p99.add(new double[] {px, y.at(p.p99())});
                p999.add(new double[] {px, y.at(p.p999())});
                if (withinSlo(c, sloMicros)) {
                    knee = c;
                }
            }
            svg.beginSeries(e.getKey());
            svg.polyline(p50, colour, 1.5, "2 3", 1);
            svg.polyline(p999, colour, 1.5, "7 4", 1);
            svg.polyline(p99, colour, 2.5, null, 1);
            for (Cell c : e.getValue()) {
                Percentiles p = c.percentiles();
                if (p == null || c.summary() == null) {
                    continue;
                }
                String tip = e.getKey() + " @ " + Format.trim(c.stepRate()) + " req/s asked, "
                        + Format.trim(c.summary().achievedRate()) + " achieved: P99 " + Format.micros(p.p99())
                        + (c.valid() ? "" : " ✗ INVALID: " + String.join("; ", c.invalidReasons()));
                svg.circle(x.at(c.summary().achievedRate()), y.at(p.p99()), 4, c.valid() ? colour : "white",
                        c.valid() ? null : Palette.INVALID, tip);
            }
            if (knee != null) {
                double kx = x.at(knee.summary().achievedRate());
                double ky = y.at(knee.percentiles().p99());
                svg.circle(kx, ky, 9, "none", "#000", "knee of " + e.getKey());
                svg.text(kx + 12, ky + 16, "knee " + e.getKey() + ": " + Format.trim(knee.stepRate()) + " req/s"
                        + (knee.valid() ? "" : " ✗ invalid step"), "start", 11, knee.valid() ? "#000" : Palette.INVALID, 0);
            }
            svg.endSeries();
        }
        return svg.toString();
    }

    /** The step met the SLO: P99 within it and the asked rate achieved (within 1 %). */
    public static boolean withinSlo(Cell c, long sloMicros) {
        Percentiles p = c.percentiles();
        if (p == null || c.summary() == null) {
            return false;
        }
        double asked = Double.isNaN(c.stepRate()) ? c.summary().targetRate() : c.stepRate();
        return c.summary().achievedRate() >= 0.99 * asked && (sloMicros <= 0 || p.p99() <= sloMicros);
    }
}

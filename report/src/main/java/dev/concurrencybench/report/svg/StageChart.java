package dev.concurrencybench.report.svg;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.StageBreakdown;
import dev.concurrencybench.report.read.StageStat;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the server's time goes in one scenario: per server two stacked bars, the P50 and the P99 of each stage
 * from the server's own {@code stages.hlog} (µs). Each segment is that stage's own percentile, so a stack shows
 * the stages' relative weight, not a percentile of their sum; the server's measured request time ({@code total}
 * tag, first byte parsed → response written) is the black tick. A stage the model cannot observe is named above
 * its bars as "not observable", never drawn as zero. Stateless.
 */
public final class StageChart {

    /** Stage colours, in {@link StageBreakdown#STAGES} order (a sequence apart from the server colours). */
    private static final List<String> COLOURS = List.of("#4e79a7", "#a0cbe8", "#f28e2b", "#ffbe7d", "#59a14f",
            "#8cd17d", "#b6992d", "#f1ce63", "#86bcb6");

    private StageChart() {
    }

    public static String render(String scenario, List<Cell> cells, Palette palette) {
        List<Cell> drawn = cells.stream().filter(c -> c.stages() != null).toList();
        List<Plot.LegendItem> legend = new ArrayList<>();
        for (int i = 0; i < StageBreakdown.STAGES.size(); i++) {
            legend.add(Plot.LegendItem.box(StageBreakdown.STAGES.get(i), COLOURS.get(i)));
        }
        legend.add(Plot.LegendItem.line("total in server (measured)", "#000", null));
        Plot plot = new Plot(860, 260, false, "stages", "Where the server's time goes: " + scenario
                + " (P50 and P99 of each stage)", legend);
        double hi = 1;
        for (Cell c : drawn) {
            hi = Math.max(hi, stackOf(c.stages(), true));
            StageStat total = c.stages().stage("total");
            if (total.present()) {
                hi = Math.max(hi, total.percentiles().p99());
            }
        }
        Scale y = plot.yLinear(0, hi * 1.08);
        plot.yAxis(y, Plot::microsLabel, "time per stage, stacked (µs)", true);
        SvgDocument svg = plot.svg();
        svg.beginSeries("axis x");
        svg.line(plot.x0(), plot.y0(), plot.x1(), plot.y0(), "#333", 1, null);
        svg.endSeries();
        double groupWidth = (plot.x1() - plot.x0()) / Math.max(1, drawn.size());
        double barWidth = Math.min(46, groupWidth / 3.2);
        for (int g = 0; g < drawn.size(); g++) {
            Cell c = drawn.get(g);
            double gx = plot.x0() + groupWidth * g;
            svg.beginSeries(c.label());
            for (int k = 0; k < 2; k++) {
                boolean p99 = k == 1;
                double x = gx + groupWidth / 2 - barWidth - 3 + k * (barWidth + 6);
                double base = 0;
                for (int i = 0; i < StageBreakdown.STAGES.size(); i++) {
                    StageStat s = c.stages().stage(StageBreakdown.STAGES.get(i));
                    if (!s.present()) {
                        continue;
                    }
                    double v = p99 ? s.percentiles().p99() : s.percentiles().p50();
                    svg.rect(x, y.at(base + v), barWidth, y.at(base) - y.at(base + v), COLOURS.get(i), null,
                            c.label() + " " + s.stage() + (p99 ? " P99 " : " P50 ") + Format.micros(v));
                    base += v;
                }
                StageStat total = c.stages().stage("total");
                if (total.present()) {
                    double tv = p99 ? total.percentiles().p99() : total.percentiles().p50();
                    svg.line(x - 4, y.at(tv), x + barWidth + 4, y.at(tv), "#000", 2, null);
                }
                svg.text(x + barWidth / 2, plot.y0() + 14, p99 ? "P99" : "P50", "middle", 10, "#333", 0);
            }
            svg.text(gx + groupWidth / 2, plot.y0() + 30, c.label() + (c.valid() ? "" : " ✗"), "middle", 12,
                    c.valid() ? palette.colour(c.server()) : Palette.INVALID, 0);
            List<String> hidden = c.stages().stages().stream().filter(StageStat::notObservable)
                    .map(StageStat::stage).toList();
            if (!hidden.isEmpty()) {
                svg.text(gx + groupWidth / 2, plot.y1() + 12, "not observable in this model:", "middle", 10,
                        "#666", 0);
                svg.text(gx + groupWidth / 2, plot.y1() + 24, String.join(", ", hidden) + " (see table)",
                        "middle", 10, "#666", 0);
            }
            svg.endSeries();
        }
        if (drawn.isEmpty()) {
            svg.text((plot.x0() + plot.x1()) / 2, (plot.y0() + plot.y1()) / 2, "no stages.hlog in this scenario",
                    "middle", 13, "#666", 0);
        }
        return svg.toString();
    }

    private static double stackOf(StageBreakdown b, boolean p99) {
        double sum = 0;
        for (StageStat s : b.stages()) {
            if (s.present() && !s.stage().equals("total")) {
                sum += p99 ? s.percentiles().p99() : s.percentiles().p50();
            }
        }
        return sum;
    }
}

package dev.concurrencybench.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The frame every chart shares: a plot area with its axes, ticks, grid, axis titles (with units) and a legend
 * below. Charts draw their series into {@link #svg()} with pixel positions from their {@link Scale}s. Single-use,
 * not thread-safe.
 */
public final class Plot {

    /** One legend entry: a line (with its dash), a filled box, or a marker. */
    public record LegendItem(String label, String colour, String dash, String kind) {
        public static LegendItem line(String label, String colour, String dash) {
            return new LegendItem(label, colour, dash, "line");
        }

        public static LegendItem box(String label, String colour) {
            return new LegendItem(label, colour, null, "box");
        }
    }

    public static final double LEFT = 78;
    public static final double TOP = 34;
    private static final double LEGEND_COLUMN = 200;
    private static final double LEGEND_ROW = 18;

    private final double width;
    private final double plotHeight;
    private final double right;
    private final SvgDocument svg;
    private final List<LegendItem> legend;

    /**
     * @param width      whole chart, px
     * @param plotHeight height of the plot area, px
     * @param secondAxis leave room on the right for a second y axis
     * @param chart      {@code data-chart} kind
     * @param title      heading drawn at the top
     * @param legend     legend entries, drawn under the x axis
     */
    public Plot(double width, double plotHeight, boolean secondAxis, String chart, String title,
                List<LegendItem> legend) {
        this.width = width;
        this.plotHeight = plotHeight;
        this.right = secondAxis ? 78 : 24;
        this.legend = List.copyOf(legend);
        int perRow = Math.max(1, (int) ((width - LEFT) / LEGEND_COLUMN));
        int rows = (legend.size() + perRow - 1) / perRow;
        double height = TOP + plotHeight + 52 + rows * LEGEND_ROW + 6;
        this.svg = new SvgDocument(width, height, chart, title);
        svg.text(width / 2, 18, title, "middle", 14, title.contains("✗") ? Palette.INVALID : "#222", 0);
        drawLegend(perRow);
    }

    public SvgDocument svg() {
        return svg;
    }

    public double x0() {
        return LEFT;
    }

    public double x1() {
        return width - right;
    }

    public double y0() {
        return TOP + plotHeight;
    }

    public double y1() {
        return TOP;
    }

    /** A scale along x over the plot area. */
    public Scale xLinear(double lo, double hi) {
        return Scale.linear(lo, hi, x0(), x1());
    }

    /** A log scale along y over the plot area. */
    public Scale yLog(double lo, double hi) {
        return Scale.log(lo, hi, y0(), y1());
    }

    /** A linear scale along y over the plot area. */
    public Scale yLinear(double lo, double hi) {
        return Scale.linear(lo, hi, y0(), y1());
    }

    /** The x axis with the given ticks (value → label) and its title. */
    public void xAxis(List<Double> ticks, Scale x, DoubleFunction<String> label, String title) {
        svg.beginSeries("axis x");
        svg.line(x0(), y0(), x1(), y0(), "#333", 1, null);
        for (double t : ticks) {
            double px = x.at(t);
            svg.line(px, y0(), px, y1(), "#e5e5e5", 1, null);
            svg.line(px, y0(), px, y0() + 4, "#333", 1, null);
            svg.text(px, y0() + 17, label.apply(t), "middle", 11, "#333", 0);
        }
        svg.text((x0() + x1()) / 2, y0() + 36, title, "middle", 12, "#222", 0);
        svg.endSeries();
    }

    /** A y axis on the left ({@code leftSide}) or right, with ticks, labels, grid (left only) and title. */
    public void yAxis(Scale y, DoubleFunction<String> label, String title, boolean leftSide) {
        svg.beginSeries(leftSide ? "axis y" : "axis y2");
        double ax = leftSide ? x0() : x1();
        svg.line(ax, y0(), ax, y1(), "#333", 1, null);
        for (double t : y.ticks()) {
            double py = y.at(t);
            if (leftSide) {
                svg.line(x0(), py, x1(), py, "#e5e5e5", 1, null);
            }
            svg.line(ax, py, ax + (leftSide ? -4 : 4), py, "#333", 1, null);
            svg.text(ax + (leftSide ? -7 : 7), py + 4, label.apply(t), leftSide ? "end" : "start", 11, "#333", 0);
        }
        double tx = leftSide ? 16 : width - 10;
        svg.text(tx, (y0() + y1()) / 2, title, "middle", 12, "#222", leftSide ? -90 : 90);
        svg.endSeries();
    }

    private void drawLegend(int perRow) {
        if (legend.isEmpty()) {
            return;
        }
        svg.beginSeries("legend");
        double top = TOP + plotHeight + 56;
        for (int i = 0; i < legend.size(); i++) {
            LegendItem it = legend.get(i);
            double x = LEFT + (i % perRow) * LEGEND_COLUMN;
            double y = top + (i / perRow) * LEGEND_ROW;
            switch (it.kind()) {
                case "box" -> svg.rect(x, y - 9, 18, 10, it.colour(), null, null);
                case "marker" -> svg.circle(x + 9, y - 4, 5, "none", it.colour(), null);
                default -> svg.line(x, y - 4, x + 24, y - 4, it.colour(), 2.5, it.dash());
            }
            // an invalid measurement's entry is red, like its reasons
            svg.text(x + 30, y, it.label(), "start", 11, it.label().contains("✗") ? Palette.INVALID : "#222", 0);
        }
        svg.endSeries();
    }

    /** Labels of a µs log axis. */
    public static String microsLabel(double us) {
        return Format.micros(us);
    }

    /** Collects {x, y} pixel pairs. */
    public static List<double[]> points() {
        return new ArrayList<>();
    }
}

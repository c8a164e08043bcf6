package dev.concurrencybench.report.svg;

import java.util.List;
import java.util.Locale;

/**
 * Builds the text of one inline {@code <svg>} element. No {@code xmlns} attribute: inside HTML5 an {@code <svg>}
 * element is in the SVG namespace by the parsing rules, and leaving it out keeps the report free of any URL. The
 * output is well-formed XML on its own. Single-use, not thread-safe.
 */
public final class SvgDocument {

    private final StringBuilder out = new StringBuilder(8192);
    private boolean closed;

    /**
     * @param width  px
     * @param height px
     * @param chart  the kind of chart ({@code data-chart}), e.g. {@code spectrum}
     * @param label  what it shows, for screen readers ({@code aria-label}) and the tooltip
     */
    public SvgDocument(double width, double height, String chart, String label) {
        out.append("<svg class=\"chart\" data-chart=\"").append(escape(chart)).append("\" role=\"img\" width=\"")
                .append(n(width)).append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ")
                .append(n(width)).append(' ').append(n(height)).append("\" aria-label=\"").append(escape(label))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<title>").append(escape(label))
                .append("</title>\n");
    }

    /** Opens {@code <g data-series="name">}: one series of the chart. */
    public SvgDocument beginSeries(String name) {
        out.append("<g data-series=\"").append(escape(name)).append("\">\n");
        return this;
    }

    public SvgDocument endSeries() {
        out.append("</g>\n");
        return this;
    }

    /** A straight line; {@code dash} is an SVG dash array or null for solid. */
    public SvgDocument line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"');
        dash(dash);
        out.append("/>\n");
        return this;
    }

    /** A polyline through {x, y} pixel pairs. */
    public SvgDocument polyline(List<double[]> points, String stroke, double width, String dash, double opacity) {
        if (points.isEmpty()) {
            return this;
        }
        out.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\"");
        if (opacity < 1) {
            out.append(" stroke-opacity=\"").append(n(opacity)).append('"');
        }
        dash(dash);
        out.append(" points=\"");
        for (double[] p : points) {
            out.append(n(p[0])).append(',').append(n(p[1])).append(' ');
        }
        out.setLength(out.length() - 1);
        out.append("\"/>\n");
        return this;
    }

    /** A rectangle with an optional tooltip; {@code stroke} may be null. */
    public SvgDocument rect(double x, double y, double w, double h, String fill, String stroke, String tooltip) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"")
                .append(fill).append('"');
        if (stroke != null) {
            out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"2\"");
        }
        if (tooltip != null) {
            out.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
        } else {
            out.append("/>\n");
        }
        return this;
    }

    /** A circle marker with an optional tooltip. */
    public SvgDocument circle(double cx, double cy, double r, String fill, String stroke, String tooltip) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append('"');
        if (stroke != null) {
            out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"2\"");
        }
        if (tooltip != null) {
            out.append("><title>").append(escape(tooltip)).append("</title></circle>\n");
        } else {
            out.append("/>\n");
        }
        return this;
    }

    /**
     * Text; {@code anchor} is start, middle or end; {@code rotate} turns it (degrees) about its anchor point.
     */
    public SvgDocument text(double x, double y, String text, String anchor, double size, String fill, double rotate) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(anchor).append('"');
        if (size != 12) {
            out.append(" font-size=\"").append(n(size)).append('"');
        }
        if (fill != null) {
            out.append(" fill=\"").append(fill).append('"');
        }
        if (rotate != 0) {
            out.append(" transform=\"rotate(").append(n(rotate)).append(' ').append(n(x)).append(' ').append(n(y))
                    .append(")\"");
        }
        out.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** The finished element. */
    @Override
    public String toString() {
        if (!closed) {
            out.append("</svg>");
            closed = true;
        }
        return out.toString();
    }

    private void dash(String dash) {
        if (dash != null) {
            out.append(" stroke-dasharray=\"").append(dash).append('"');
        }
    }

    /** XML escape of text and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

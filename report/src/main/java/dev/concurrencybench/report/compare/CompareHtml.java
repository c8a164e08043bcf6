package dev.concurrencybench.report.compare;

import dev.concurrencybench.report.svg.SvgDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code compare.html}: one self-contained page (no script, no external resource) with a forest plot per metric —
 * gating metrics first — the full table, and what was not compared. Stateless.
 */
public final class CompareHtml {

    private CompareHtml() {
    }

    public static String render(ComparisonResult r, int exitCode) {
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bench compare</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:1100px}table{border-collapse:")
                .append("collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}")
                .append(".warn{color:#a15c00}svg{display:block;margin:1em 0}</style></head><body>\n");
        b.append("<h1>bench compare: ").append(esc(CompareJson.outcome(exitCode))).append(" (exit ").append(exitCode)
                .append(")</h1>\n<p>Baseline <code>").append(esc(r.base().toString())).append("</code> → candidate <code>")
                .append(esc(r.candidate().toString())).append("</code>. Ratio candidate/baseline with a 90 % ")
                .append("bootstrap interval (").append(r.settings().resamples()).append(" resamples, seed ")
                .append(r.settings().seed()).append(").</p>\n");
        for (String w : r.warnings()) {
            b.append("<p class=\"warn\">⚠ ").append(esc(w)).append("</p>\n");
        }
        List<Metric> order = new ArrayList<>(r.settings().gating());
        for (Metric m : Metric.values()) {
            if (!order.contains(m)) {
                order.add(m);
            }
        }
        for (Metric m : order) {
            String svg = ForestPlot.svg(r, m);
            if (svg != null) {
                b.append(svg).append('\n');
            }
        }
        b.append("<table><tr><th>server</th><th>scenario</th><th>metric</th><th>baseline</th><th>candidate</th>")
                .append("<th>change</th><th>90 % interval</th><th>δ</th><th>verdict</th></tr>\n");
        for (CellResult c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                b.append("<tr><td>").append(esc(c.server())).append("</td><td>").append(esc(c.scenario()))
                        .append("</td><td>").append(esc(m.metric().label())).append(m.gating() ? " (gating)" : "")
                        .append("</td><td class=\"n\">").append(ChangeFormat.value(m.metric(), m.base()))
                        .append("</td><td class=\"n\">").append(ChangeFormat.value(m.metric(), m.candidate()))
                        .append("</td><td class=\"n\">").append(ChangeFormat.change(m.ratio()))
                        .append("</td><td>").append(ChangeFormat.interval(m.ciLow(), m.ciHigh()))
                        .append("</td><td>").append(ChangeFormat.delta(m.delta())).append("</td><td style=\"color:")
                        .append(ForestPlot.colour(m.verdict())).append("\">").append(m.verdict())
                        .append(m.repetitionsNeeded() == null ? "" : " (~" + m.repetitionsNeeded() + " reps/side)")
                        .append(m.note() == null ? "" : "<br><small>" + esc(m.note()) + "</small>")
                        .append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
        for (CellResult c : r.cells()) {
            if (!c.valid()) {
                b.append("<p><b>Invalid</b> ").append(esc(c.key())).append(": ")
                        .append(esc(String.join("; ", c.invalidReasons()))).append("</p>\n");
            }
        }
        for (String n : r.notCompared()) {
            b.append("<p>Not compared: ").append(esc(n)).append("</p>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return SvgDocument.escape(s);
    }
}

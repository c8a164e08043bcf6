package dev.concurrencybench.report.html;

import dev.concurrencybench.report.svg.SvgDocument;
import dev.concurrencybench.report.table.Table;

/** Renders a {@link Table} as an HTML table: invalid rows red, the instrument's row in italics. Stateless. */
final class HtmlTable {

    private HtmlTable() {
    }

    static void render(StringBuilder b, Table t, String cssClass) {
        b.append("<table class=\"").append(cssClass).append("\"><thead><tr>");
        t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        for (Table.Row r : t.rows()) {
            b.append("<tr").append(r.invalid() ? " class=\"invalid\"" : r.instrument() ? " class=\"instrument\"" : "")
                    .append('>');
            for (String c : r.cells()) {
                b.append("<td>").append(esc(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    static String esc(String s) {
        return SvgDocument.escape(s);
    }
}

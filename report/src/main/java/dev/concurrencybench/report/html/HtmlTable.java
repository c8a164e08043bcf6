package dev.concurrencybench.report.html;

import dev.concurrencybench.report.table.Table;

/** Renders a {@link Table} as an HTML table: invalid rows red, the instrument's row in italics. Stateless. */
final class HtmlTable {

    private HtmlTable() {
    }

    static void render(StringBuilder b, Table t, String cssClass) {
        b.append("<div class=\"scroll\"><table class=\"").append(cssClass).append("\"><thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
            b.append(numeric(t, i) ? "<th class=\"n\">" : "<th>").append(esc(t.header().get(i))).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Table.Row r : t.rows()) {
            b.append("<tr").append(r.invalid() ? " class=\"invalid\"" : r.instrument() ? " class=\"instrument\"" : "")
                    .append('>');
            for (int i = 0; i < r.cells().size(); i++) {
                b.append(numeric(t, i) ? "<td class=\"n\">" : "<td>").append(esc(r.cells().get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    /** Numbers align right: a column whose every cell starts like a number (or is "-"). */
    static boolean numeric(Table t, int column) {
        return column > 0 && t.rows().stream().map(r -> r.cells().get(column))
                .allMatch(c -> c.equals("-") || !c.isEmpty() && Character.isDigit(c.charAt(0)));
    }

    static String esc(String s) {
        return HtmlPage.esc(s);
    }
}

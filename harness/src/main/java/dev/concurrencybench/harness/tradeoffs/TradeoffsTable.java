package dev.concurrencybench.harness.tradeoffs;

import static dev.concurrencybench.report.html.HtmlPage.esc;

import dev.concurrencybench.report.html.HtmlPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measured trade-off table being filled in: per article row and model, the figures measured here (each with
 * relative links to the raw files it came from) beside the article's claim, rendered as Markdown
 * ({@code tradeoffs.md}) and as a self-contained HTML page in the report's style ({@code tradeoffs.html}). A cell
 * with no figure says "not measured" and why, never a blank that could pass for a result.
 *
 * <p>Threading: not thread-safe; filled by one {@link TradeoffsRun}.
 */
public final class TradeoffsTable {

    /** A raw file (or folder) a figure came from, and its link's label. */
    record Source(String label, Path raw) {
    }

    private record Link(String label, String href) {
    }

    private record Figure(String text, List<Link> links) {
    }

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final Path base;
    private final List<String> servers;
    private final Map<String, Map<String, List<Figure>>> cells = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    /**
     * @param base    the folder links are relative to (where {@code tradeoffs.md} and {@code tradeoffs.html} go)
     * @param servers the models, in column order
     */
    TradeoffsTable(Path base, List<String> servers) {
        this.base = base;
        this.servers = List.copyOf(servers);
        for (String row : Claims.ROWS) {
            cells.put(row, new LinkedHashMap<>());
            notes.put(row, new ArrayList<>());
        }
    }

    /** Adds a figure for {@code server} in {@code row}; {@code raw} is the file or folder it came from, or null. */
    void add(String row, String server, String text, Path raw) {
        add(row, server, text, raw == null ? List.of() : List.of(new Source("raw", raw)));
    }

    /** Adds a figure for {@code server} in {@code row} that came from each of {@code sources}. */
    void add(String row, String server, String text, List<Source> sources) {
        List<Link> links = new ArrayList<>();
        for (Source s : sources) {
            String href = base.relativize(s.raw().toAbsolutePath().normalize()).toString().replace('\\', '/');
            links.add(new Link(s.label(), href.replace(" ", "%20")));
        }
        cells.get(row).computeIfAbsent(server, k -> new ArrayList<>()).add(new Figure(text, List.copyOf(links)));
    }

    /** Adds a sentence under the table about {@code row} (a method, a caveat, why something was not measured). */
    void note(String row, String text) {
        notes.get(row).add(text);
    }

    /** The figures of one cell as plain text (for tests and the console). */
    public List<String> figures(String row, String server) {
        return figuresOf(row, server).stream().map(Figure::text).toList();
    }

    private List<Figure> figuresOf(String row, String server) {
        return cells.get(row).getOrDefault(server, List.of());
    }

    /** The whole table and its notes, as Markdown; {@code preamble} paragraphs are Markdown too. */
    public String markdown(String title, List<String> preamble) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (String p : preamble) sb.append(p).append("\n\n");
        sb.append("| Row | Model (article's column) | The article's claim | Measured here |\n");
        sb.append("|---|---|---|---|\n");
        for (String row : Claims.ROWS) {
            for (String server : servers) {
                StringBuilder m = new StringBuilder();
                for (Figure f : figuresOf(row, server)) {
                    if (!m.isEmpty()) m.append("; ");
                    m.append(escape(f.text()));
                    for (int i = 0; i < f.links().size(); i++) {
                        Link l = f.links().get(i);
                        m.append(i == 0 ? " (" : ", ").append('[').append(l.label()).append("](").append(l.href())
                                .append(')');
                    }
                    if (!f.links().isEmpty()) m.append(')');
                }
                sb.append("| ").append(row).append(" | ").append(server).append(" (").append(Claims.column(server))
                        .append(") | \"").append(escape(Claims.claim(row, server))).append("\" | ")
                        .append(m.isEmpty() ? "not measured (see notes)" : m).append(" |\n");
            }
        }
        sb.append("\n## How each row was measured\n\n");
        for (String row : Claims.ROWS) {
            if (notes.get(row).isEmpty()) continue;
            sb.append("- **").append(row).append(":** ").append(String.join(" ", notes.get(row))).append("\n");
        }
        return sb.toString();
    }

    /**
     * The same table as a self-contained HTML page in the report's style: one row per article row and model, the
     * article's claim quoted beside what was measured, each figure linking to its raw files (relative links, so the
     * folder can move). {@code preamble} paragraphs may use Markdown's {@code **bold**} and {@code `code`}.
     */
    public String html(String title, List<String> preamble) {
        StringBuilder b = HtmlPage.begin(title);
        for (String p : preamble) b.append("<p>").append(inline(p)).append("</p>\n");
        b.append("<div class=\"scroll\"><table class=\"tradeoffs\"><thead><tr><th>Row</th>")
                .append("<th>Model (article's column)</th><th>The article's claim</th><th>Measured here</th>")
                .append("</tr></thead><tbody>\n");
        for (String row : Claims.ROWS) {
            for (int s = 0; s < servers.size(); s++) {
                String server = servers.get(s);
                b.append("<tr>");
                if (s == 0) {
                    b.append("<th rowspan=\"").append(servers.size()).append("\">").append(esc(row)).append("</th>");
                }
                b.append("<td>").append(esc(server)).append(" (").append(esc(Claims.column(server))).append(")</td>")
                        .append("<td><q>").append(esc(Claims.claim(row, server))).append("</q></td><td>");
                List<Figure> figs = figuresOf(row, server);
                if (figs.isEmpty()) b.append("<i>not measured (see below)</i>");
                for (int f = 0; f < figs.size(); f++) {
                    if (f > 0) b.append("<br/>");
                    b.append(esc(figs.get(f).text()));
                    List<Link> links = figs.get(f).links();
                    for (int i = 0; i < links.size(); i++) {
                        b.append(i == 0 ? " (" : ", ").append("<a href=\"").append(esc(links.get(i).href()))
                                .append("\">").append(esc(links.get(i).label())).append("</a>");
                    }
                    if (!links.isEmpty()) b.append(')');
                }
                b.append("</td></tr>\n");
            }
        }
        b.append("</tbody></table></div>\n<h2>How each row was measured</h2>\n<ul>\n");
        for (String row : Claims.ROWS) {
            if (notes.get(row).isEmpty()) continue;
            b.append("<li><b>").append(esc(row)).append(":</b> ").append(esc(String.join(" ", notes.get(row))))
                    .append("</li>\n");
        }
        b.append("</ul>\n<p class=\"note\">The same table in Markdown: <a href=\"tradeoffs.md\">tradeoffs.md</a>; ")
                .append("the machine and the settings: <a href=\"run.json\">run.json</a>.</p>\n");
        return HtmlPage.end(b);
    }

    /** A preamble paragraph's Markdown emphasis and code spans as HTML, everything else escaped. */
    private static String inline(String markdown) {
        String s = esc(markdown);
        s = BOLD.matcher(s).replaceAll("<b>$1</b>");
        return CODE.matcher(s).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}

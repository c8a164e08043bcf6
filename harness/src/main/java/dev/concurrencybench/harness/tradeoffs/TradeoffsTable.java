package dev.concurrencybench.harness.tradeoffs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured trade-off table being filled in: per article row and model, the figures measured here (each with a
 * link to the raw run folder it came from) beside the article's claim, rendered as Markdown. A cell with no figure
 * says "not measured" and why, never a blank that could pass for a result.
 *
 * <p>Threading: not thread-safe; filled by one {@link TradeoffsRun}.
 */
public final class TradeoffsTable {

    private record Figure(String text, String link) {
    }

    private final Path base;
    private final List<String> servers;
    private final Map<String, Map<String, List<Figure>>> cells = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    /**
     * @param base    the folder links are relative to (where {@code tradeoffs.md} is written)
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
        String link = raw == null ? null : base.relativize(raw.toAbsolutePath().normalize()).toString();
        cells.get(row).computeIfAbsent(server, k -> new ArrayList<>()).add(new Figure(text, link));
    }

    /** Adds a sentence under the table about {@code row} (a method, a caveat, why something was not measured). */
    void note(String row, String text) {
        notes.get(row).add(text);
    }

    /** The figures of one cell as plain text (for tests and the console). */
    public List<String> figures(String row, String server) {
        return cells.get(row).getOrDefault(server, List.of()).stream().map(Figure::text).toList();
    }

    /** The whole table and its notes, as Markdown. */
    public String markdown(String title, List<String> preamble) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (String p : preamble) sb.append(p).append("\n\n");
        sb.append("| Row | Model (article's column) | The article's claim | Measured here |\n");
        sb.append("|---|---|---|---|\n");
        for (String row : Claims.ROWS) {
            for (String server : servers) {
                List<Figure> figs = cells.get(row).getOrDefault(server, List.of());
                StringBuilder m = new StringBuilder();
                for (Figure f : figs) {
                    if (!m.isEmpty()) m.append("; ");
                    m.append(escape(f.text()));
                    if (f.link() != null) m.append(" ([raw](").append(f.link().replace(" ", "%20")).append("))");
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

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}

package dev.concurrencybench.report.html;

import dev.concurrencybench.report.svg.SvgDocument;

/**
 * What every HTML page of the suite shares: the inline stylesheet of {@code report.html}, the page's head, and
 * escaping. A page built on it is one self-contained file: no script, no font, no URL of any kind. The head it
 * writes is also well-formed XML (void elements closed), so a test can parse a page with an XML parser. Stateless.
 */
public final class HtmlPage {

    /** The stylesheet of every page, inline. */
    static final String CSS = """
            body{font-family:sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
            h1{font-size:22px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:36px}h3{font-size:15px}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:12px}
            th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
            th.n,td.n{text-align:right}.scroll{overflow-x:auto}
            table.latency td:nth-child(12),table.sweep td:nth-child(10){min-width:16em}
            tr.invalid td{color:#d62728;background:#fff3f3}tr.instrument td{font-style:italic;background:#f4f4f4}
            .banner{background:#fff3f3;border:2px solid #d62728;color:#a00;padding:8px 12px}
            .invalid-list{color:#d62728}.note{color:#555;font-size:12px}
            figure{margin:8px 0}.cells{display:flex;flex-wrap:wrap;gap:8px}
            code{background:#f4f4f4;padding:2px 4px}svg.chart{max-width:100%;height:auto;display:block}
            """;

    private HtmlPage() {
    }

    /**
     * Starts a page: doctype, head with {@code title} and the stylesheet, the body and an {@code h1} of the title.
     * Close it with {@link #end(StringBuilder)}.
     */
    public static StringBuilder begin(String title) {
        StringBuilder b = new StringBuilder(16 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>\n<title>").append(esc(title))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        return b;
    }

    /** Closes a page {@link #begin} started and returns it. */
    public static String end(StringBuilder b) {
        return b.append("</body></html>\n").toString();
    }

    /** {@code s} escaped for element text and for a double-quoted attribute value. */
    public static String esc(String s) {
        return SvgDocument.escape(s);
    }
}

package dev.concurrencybench.harness.tradeoffs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The parts of {@code bench tradeoffs} that need no server: line counts, JMH figures, the table's rendering. */
class TradeoffsPiecesTest {

    @Test
    void codeLinesSkipBlankLinesAndComments() {
        List<String> src = List.of(
                "package a;", "", "/**", " * doc", " */", "// note", "class A { /* inline */", "  int x; // why",
                "  /* one-line block */", "}");
        assertEquals(4, ServerModuleLines.codeLines(src));
    }

    @Test
    void handoffFiguresAreGroupedByModelAndIgnoreOtherBenchmarks() throws Exception {
        Path json = Path.of(getClass().getResource("/tradeoffs/jmh-handoff.json").toURI());
        Map<String, List<String>> f = HandoffFigures.read(json);
        assertEquals(List.of("park/unpark 4,212 ns"), f.get("threadpool"));
        assertEquals(List.of("Selector.wakeup task 1,234 ns"), f.get("eventloop"));
        assertEquals(List.of("1 carrier 1,394 ns"), f.get("virtual"));
        assertFalse(f.containsKey("reactive"), f.toString());
    }

    @Test
    void everyClaimIsQuotedAndAMissingFigureSaysNotMeasured() {
        Path base = Path.of("/tmp/results/x").toAbsolutePath();
        TradeoffsTable t = new TradeoffsTable(base, List.of("threadpool", "eventloop"));
        t.add("CPU parallelism", "threadpool", "100 req/s", base.resolve("run/threadpool/work-cpu"));
        String md = t.markdown("T", List.of("pre"));
        assertTrue(md.contains("| CPU parallelism | threadpool (OS Threads) | \"Yes\" | 100 req/s ([raw](run/threadpool/work-cpu)) |"), md);
        assertTrue(md.contains("| CPU parallelism | eventloop (Event Loop (Node)) | \"No (single thread)\" | not measured"), md);
        assertTrue(md.contains("\"~8MB\""), md);
        assertTrue(md.contains("\"Callback/Promise hell\""), md);
        assertEquals(12, md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Row")).count(), md);
    }

    @Test
    void theHtmlPageIsWellFormedSelfContainedAndLinksEachFigureToItsRawFiles(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("results").resolve("tradeoffs-x");
        List<String> servers = List.of("threadpool", "eventloop");
        TradeoffsTable t = new TradeoffsTable(base, servers);
        List<String> linked = new ArrayList<>();
        for (String row : Claims.ROWS) {
            for (String server : servers) {
                Path raw = base.resolve("run 1").resolve(server).resolve(row.replace(' ', '-')).resolve("summary.json");
                Files.createDirectories(raw.getParent());
                Files.writeString(raw, "{}");
                if (row.equals("CPU parallelism") && server.equals("eventloop")) {
                    continue; // a cell without a figure
                }
                Path other = raw.resolveSibling("other.json");
                Files.writeString(other, "{}");
                t.add(row, server, row + " of " + server + ": 1 < 2 & \"quoted\"",
                        List.of(new TradeoffsTable.Source("with", raw), new TradeoffsTable.Source("without", other)));
                linked.add(row + " of " + server);
            }
        }
        Path module = Files.createDirectories(tmp.resolve("servers-threadpool"));
        t.add("Programming model", "threadpool", "123 lines of code in 4 files", module);
        t.note("CPU parallelism", "Not measured for eventloop: a <reason>.");
        Files.writeString(base.resolve("tradeoffs.md"), "# T\n");
        Files.writeString(base.resolve("run.json"), "{}");

        String html = t.html("The trade-off table, measured", List.of("**QUICK MODE** run `./bench tradeoffs`"));

        assertFalse(html.contains("http://") || html.contains("https://"), "no URL with a scheme");
        assertFalse(html.contains("<script") || html.contains("url(") || html.contains("@import"), "self-contained");
        assertTrue(html.contains("<style>"), "the report's inline stylesheet");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("<b>QUICK MODE</b> run <code>./bench tradeoffs</code>",
                html.lines().filter(l -> l.startsWith("<p><b>")).findFirst().orElseThrow()
                        .replaceAll("^<p>|</p>$", ""));
        NodeList rows = doc.getElementsByTagName("tbody").item(0).getChildNodes();
        List<String> rowTexts = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            if (rows.item(i) instanceof Element tr) rowTexts.add(tr.getTextContent());
        }
        assertEquals(Claims.ROWS.size() * servers.size(), rowTexts.size(), "one table row per article row and model");
        NodeList heads = doc.getElementsByTagName("th");
        List<String> headTexts = new ArrayList<>();
        for (int i = 0; i < heads.getLength(); i++) headTexts.add(heads.item(i).getTextContent());
        for (String row : Claims.ROWS) {
            assertTrue(headTexts.contains(row), "row " + row + " in " + headTexts);
        }
        for (String figure : linked) {
            assertTrue(rowTexts.stream().anyMatch(r -> r.contains(figure + ": 1 < 2 & \"quoted\" (with, without)")),
                    figure + " in " + rowTexts);
        }
        assertTrue(rowTexts.stream().anyMatch(r -> r.startsWith("eventloop (Event Loop (Node))No (single thread)")
                && r.endsWith("not measured (see below)")), rowTexts.toString());
        NodeList quotes = doc.getElementsByTagName("q");
        assertEquals(rowTexts.size(), quotes.getLength(), "every claim quoted");
        assertTrue(html.contains("<q>~8MB</q>") && html.contains("<q>Callback/Promise hell</q>"), html);

        Pattern scheme = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
        NodeList anchors = doc.getElementsByTagName("a");
        int figureLinks = 0;
        for (int i = 0; i < anchors.getLength(); i++) {
            String href = ((Element) anchors.item(i)).getAttribute("href");
            assertFalse(href.isEmpty() || href.startsWith("/") || scheme.matcher(href).find(), "not relative: " + href);
            Path target = base.resolve(href.replace("%20", " ")).normalize();
            assertTrue(Files.exists(target), "dangling link " + href);
            if (href.endsWith("summary.json") || href.endsWith("other.json")) figureLinks++;
        }
        assertEquals(2 * linked.size(), figureLinks, "each figure links both of its raw files");
        assertTrue(html.contains("href=\"../../servers-threadpool\""), "a folder outside the run, relative too");
        assertTrue(html.contains("a &lt;reason&gt;."), "notes are escaped");
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertEquals("8.0 MiB", TradeoffsRun.bytes(8 * 1024 * 1024));
        assertEquals("2.0 KiB", TradeoffsRun.bytes(2048));
        assertEquals("312 B", TradeoffsRun.bytes(312));
    }
}

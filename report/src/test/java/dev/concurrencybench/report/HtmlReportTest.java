package dev.concurrencybench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concurrencybench.report.output.ReportFiles;
import dev.concurrencybench.report.read.ResultsFolder;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.table.LatencyTable;
import dev.concurrencybench.report.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html is self-contained (no URL it could fetch), small, and shows the driver's floor and Gatling cells the
 * way the contracts say.
 *
 * <p>The URL check is in two strengths. A {@code run} report must not contain {@code http://} or {@code https://}
 * anywhere: inline SVG in HTML5 needs no {@code xmlns}, so none is written. A {@code load} report names its
 * target URL as text (the command that reproduces it); there, no attribute and no CSS may hold a URL with a scheme.
 */
class HtmlReportTest {

    private static final Pattern REFERENCE = Pattern.compile(
            "(?i)(href|src|xlink:href|action|srcset)\\s*=\\s*\"?\\s*[a-z][a-z0-9+.-]*:|url\\(|@import");

    @Test
    void runReportHasNoUrlAtAll(@TempDir Path out) throws Exception {
        String html = Files.readString(ReportFiles.write(Fixtures.results("run"), out, null).html());
        assertFalse(html.contains("http://"), "report.html holds http://");
        assertFalse(html.contains("https://"), "report.html holds https://");
        assertFalse(REFERENCE.matcher(html).find(), "report.html references something outside itself");
        assertFalse(html.contains("<script"), "no script: the charts are SVG");
    }

    @Test
    void loadReportMentionsItsTargetOnlyAsText(@TempDir Path out) throws Exception {
        String html = Files.readString(ReportFiles.write(Fixtures.results("load"), out, null).html());
        assertTrue(html.contains("<code>./bench load --url http://127.0.0.1:"), "the reproducing command");
        assertFalse(REFERENCE.matcher(html).find(), "report.html references something outside itself");
    }

    @Test
    void defaultSizedRunStaysUnderTheLimits(@TempDir Path tmp) throws Exception {
        // The default run is 3 scenarios × 4 servers: build that shape from the fixture's real cells. Its 15 s
        // measurements have five times the intervals of the fixture's 3 s, which adds only a few hundred bytes
        // per timeline chart; spectra and bars do not grow with the length at all.
        Path run = Fixtures.copy("run", tmp);
        for (String[] pair : new String[][] {{"eventloop", "threadpool"}, {"reactive", "virtual"}}) {
            copyTree(run.resolve(pair[0]), run.resolve(pair[1]));
        }
        for (String server : List.of("eventloop", "reactive", "threadpool", "virtual")) {
            copyTree(run.resolve(server).resolve("json"), run.resolve(server).resolve("work-mixed-blocking"));
        }
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(run.resolve("run.json").toFile());
        ArrayNode servers = json.putArray("servers");
        List.of("threadpool", "eventloop", "virtual", "reactive").forEach(servers::add);
        ((ArrayNode) json.get("scenarios")).addObject().put("name", "work-mixed-blocking");
        Json.write(run.resolve("run.json"), json);
        ReportFiles.Written w = ReportFiles.write(run, run, null);
        RunResults read = ResultsFolder.read(run);
        assertEquals(12, read.cells().size());
        long html = Files.size(w.html());
        long md = Files.size(w.markdown());
        assertTrue(html < 2 << 20, "report.html is " + html + " bytes");
        assertTrue(md < 1 << 20, "report.md is " + md + " bytes");
    }

    @Test
    void floorIsTheFirstRowAndALineOnTheBars(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(run.resolve("run.json").toFile());
        ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(run.resolve("eventloop/plaintext/summary.json").toFile());
        summary.put("server", "floor");
        json.putObject("floor").put("instrument", "nginx").set("summary", summary);
        Json.write(run.resolve("run.json"), json);
        RunResults r = ResultsFolder.read(run);
        Table t = LatencyTable.build(r, "plaintext", null);
        assertTrue(t.rows().get(0).instrument());
        assertEquals("floor (instrument: nginx)", t.rows().get(0).cells().get(0));
        String html = Files.readString(ReportFiles.write(run, run, null).html());
        assertTrue(html.contains("<g data-series=\"floor\">"), "floor line on the P50/P99/P99.9 bars");
        assertTrue(html.contains("driver floor (nginx)"), "floor in the legend");
    }

    @Test
    void withoutAFloorThereIsNoFloorLine(@TempDir Path out) throws Exception {
        String html = Files.readString(ReportFiles.write(Fixtures.results("run"), out, null).html());
        assertFalse(html.contains("data-series=\"floor\""));
    }

    @Test
    void gatlingCellsAreLabelledAsGatlingsAndLinkItsOwnReport(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        Path cell = run.resolve("eventloop/plaintext");
        Path g = Files.createDirectories(cell.resolve("gatling/plaintext-20261130/"));
        ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(cell.resolve("summary.json").toFile());
        summary.put("driver", "gatling").put("resolutionMicros", 1000);
        Json.write(cell.resolve("gatling/summary.json"), summary);
        Files.copy(cell.resolve("latency.hlog"), cell.resolve("gatling/latency.hlog"));
        Files.writeString(g.resolve("index.html"), "<html></html>");
        String html = Files.readString(ReportFiles.write(run, run, null).html());
        assertTrue(html.contains("eventloop (Gatling) corrected"), "Gatling's spectrum is labelled as Gatling's");
        assertTrue(html.contains("href=\"eventloop/plaintext/gatling/plaintext-20261130/index.html\""), html);
        assertTrue(html.contains("whole milliseconds"), "the footnote on Gatling's resolution");
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("eventloop " + LatencyTable.GATLING_MARK + " Gatling"), md);
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!Files.exists(t)) {
                    Files.copy(p, t);
                }
            }
        }
    }
}

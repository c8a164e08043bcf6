package dev.concurrencybench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.report.compare.SyntheticResults;
import dev.concurrencybench.report.compare.SyntheticResults.Spec;
import dev.concurrencybench.report.results.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/** {@code bench compare} end to end on synthetic results folders: every exit code, every output file. */
class CompareCommandTest {

    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome compare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        Outcome o = new Outcome(code, out.toString(), err.toString());
        assertFalse(o.err.contains("Exception") || o.err.contains("\tat "), o.err);
        return o;
    }

    private Path folder(String name, Spec... cells) throws IOException {
        return SyntheticResults.write(tmp.resolve(name), List.of(cells));
    }

    @Test
    void identicalRunsExitZeroAndWriteEveryOutput() throws IOException {
        Path b = folder("base", Spec.quiet(1));
        Path c = folder("cand", Spec.quiet(2));
        Outcome o = compare(b.toString(), c.toString(), "--annotations", "always");
        assertEquals(0, o.code, o.out + o.err);
        assertTrue(o.out.contains("P99*"), o.out);
        JsonNode json = Json.MAPPER.readTree(c.resolve("compare/compare.json").toFile());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("pass", json.get("outcome").asText());
        assertEquals("NO_CHANGE", json.at("/cells/0/metrics/1/verdict").asText());
        assertEquals("p99", json.at("/cells/0/metrics/1/metric").asText());
        String md = Files.readString(c.resolve("compare/compare.md"));
        assertTrue(md.startsWith("## bench compare: ✅"), md);
        assertTrue(Files.size(c.resolve("compare/compare.md")) < 1 << 20);
        assertTrue(Files.readString(c.resolve("compare/compare.html")).contains("data-chart=\"forest\""));
        assertTrue(o.out.lines().noneMatch(l -> l.startsWith("::error")), o.out);
    }

    @Test
    void aThirtyPercentSlowerP99ExitsOneWithAJunitFailureAndAnErrorAnnotation() throws Exception {
        Path b = folder("base", Spec.quiet(1));
        Path c = folder("cand", Spec.quiet(2).scale(1.3));
        Path junit = tmp.resolve("reports/junit.xml");
        Outcome o = compare(b.toString(), c.toString(), "--junit", junit.toString(), "--annotations", "always");
        assertEquals(1, o.code, o.out + o.err);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(6, d.getElementsByTagName("testcase").getLength());
        assertEquals(1, d.getElementsByTagName("failure").getLength(), "only the gating P99 fails");
        long errors = o.out.lines().filter(l -> l.startsWith("::error")).count();
        assertEquals(1, errors, o.out);
        assertTrue(o.out.lines().filter(l -> l.startsWith("::")).count() <= 10);
        String md = Files.readString(c.resolve("compare/compare.md"));
        assertTrue(md.contains("▲ +") && md.contains("❌ REGRESSION"), md);
    }

    @Test
    void aLooserDeltaOnTheCommandLineOrInAConfigFileTurnsTheRegressionAway() throws IOException {
        Path b = folder("base", Spec.quiet(1));
        Path c = folder("cand", Spec.quiet(2).scale(1.3));
        assertEquals(0, compare(b.toString(), c.toString(), "--delta", "p99=60").code);
        Path conf = Files.writeString(tmp.resolve("compare.conf"), "# looser\ndelta.p99 = 60%\n");
        assertEquals(0, compare(b.toString(), c.toString(), "--config", conf.toString()).code);
        assertEquals(1, compare(b.toString(), c.toString(), "--config", conf.toString(), "--delta", "p99=10").code);
    }

    @Test
    void inconclusiveExitsThreeOnlyWhenAsked() throws IOException {
        Path b = folder("base", Spec.quiet(5).runNoise(0.25));
        Path c = folder("cand", Spec.quiet(6).runNoise(0.25));
        assertEquals(0, compare(b.toString(), c.toString()).code);
        Outcome o = compare(b.toString(), c.toString(), "--fail-on-inconclusive");
        assertEquals(3, o.code, o.out);
        assertTrue(o.out.contains("INCONCLUSIVE (~"), o.out);
    }

    @Test
    void anInvalidMeasurementExitsFour() throws IOException {
        Path b = folder("base", Spec.quiet(1).valid(false));
        Path c = folder("cand", Spec.quiet(2));
        Outcome o = compare(b.toString(), c.toString());
        assertEquals(4, o.code, o.out);
        assertTrue(o.out.contains("invalid: baseline: rep-1: achieved"), o.out);
    }

    @Test
    void missingOrCorruptInputExitsTwoWithOneLine() throws IOException {
        Path b = folder("base", Spec.quiet(1));
        Outcome missing = compare(b.toString(), tmp.resolve("nope").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.startsWith("bench: ") && missing.err.contains("is not a folder"), missing.err);

        Path c = folder("cand", Spec.quiet(2));
        Path hlog = c.resolve("eventloop/plaintext/rep-2/latency.hlog");
        String text = Files.readString(hlog);
        int cut = text.indexOf("corrected", text.length() / 2);
        Files.writeString(hlog, text.substring(0, cut) + "corrected,0.0,1.0,3.0,HISTFAAAA!!bad base64\n");
        Outcome corrupt = compare(b.toString(), c.toString());
        assertEquals(2, corrupt.code);
        assertTrue(corrupt.err.startsWith("bench: corrupt ") && corrupt.err.contains("rep-2/latency.hlog"), corrupt.err);
        assertEquals(1, corrupt.err.strip().lines().count(), corrupt.err);

        Files.writeString(hlog, "garbage only\n");
        Outcome empty = compare(b.toString(), c.toString());
        assertEquals(2, empty.code);
        assertTrue(empty.err.contains("rep-2/latency.hlog holds no interval tagged 'corrected'"), empty.err);

        Files.writeString(c.resolve("eventloop/plaintext/rep-2/summary.json"), "{ not json");
        assertTrue(compare(b.toString(), c.toString()).err.contains("corrupt "));

        Outcome badFlag = compare(b.toString(), c.toString(), "--delta", "p42=3");
        assertEquals(2, badFlag.code);
        assertTrue(badFlag.err.startsWith("bench: unknown metric 'p42'"), badFlag.err);
        assertEquals(2, compare(b.toString(), c.toString(), "--resamples", "10").code);
    }

    @Test
    void differentCellsCompareTheOverlapAndListTheRestAndDifferentMachinesWarn() throws IOException {
        Path b = SyntheticResults.write(tmp.resolve("base"), List.of(Spec.quiet(1).repetitions(1),
                Spec.quiet(1).cell("virtual", "plaintext", 2000), Spec.quiet(1).cell("threadpool", "json", 2000)));
        Path c = SyntheticResults.write(tmp.resolve("cand"), List.of(Spec.quiet(2),
                Spec.quiet(2).cell("virtual", "plaintext", 1000), Spec.quiet(2).cell("reactive", "json", 2000)),
                Map.of("jdk", "Other 25"));
        Outcome o = compare(b.toString(), c.toString());
        assertEquals(0, o.code, o.out + o.err);
        assertTrue(o.out.contains("not compared: virtual/plaintext: different target rates"), o.out);
        assertTrue(o.out.contains("not compared: threadpool/json: only in the baseline"), o.out);
        assertTrue(o.out.contains("not compared: reactive/json: only in the candidate"), o.out);
        assertTrue(o.out.contains("warning: different machine or JDK: jdk is Synthetic 21 in the baseline, Other 25"),
                o.out);
        assertTrue(o.out.contains("eventloop    plaintext"), "K=1 against K=3 still compares: " + o.out);

        Path d = SyntheticResults.write(tmp.resolve("disjoint"), List.of(Spec.quiet(3).cell("x", "y", 10)));
        assertEquals(2, compare(b.toString(), d.toString()).code);
    }

    @Test
    void aDifferentDamonStateWarnsButARunThatDidNotRecordItDoesNot() throws IOException {
        Path b = SyntheticResults.write(tmp.resolve("base"), List.of(Spec.quiet(1)), Map.of("damon", "on (1 kdamond)"));
        Path c = SyntheticResults.write(tmp.resolve("cand"), List.of(Spec.quiet(2)), Map.of("damon", "off"));
        Path old = SyntheticResults.write(tmp.resolve("old"), List.of(Spec.quiet(3)));
        Outcome o = compare(b.toString(), c.toString());
        assertTrue(o.out.contains("warning: different machine or JDK: damon is on (1 kdamond) in the baseline, off in "
                + "the candidate"), o.out);
        Outcome fromOld = compare(old.toString(), c.toString());
        assertFalse(fromOld.out.contains("damon"), fromOld.out);
    }

    @Test
    void aCellThatFailedOnOneSideExitsFour() throws IOException {
        Path b = folder("base", Spec.quiet(1));
        Path c = tmp.resolve("cand");
        SyntheticResults.write(c, List.of(Spec.quiet(2).cell("virtual", "json", 2000)));
        Files.createDirectories(c.resolve("eventloop/plaintext"));
        Files.writeString(c.resolve("eventloop/plaintext/error.txt"), "eventloop/plaintext: server did not start\n");
        Outcome o = compare(b.toString(), c.toString());
        assertEquals(4, o.code, o.out + o.err);
        assertTrue(o.out.contains("failed on one side (candidate: eventloop/plaintext: server did not start)"), o.out);
    }

    @Test
    void severalFoldersPerSidePoolTheirRepetitions() throws IOException {
        Path b1 = folder("b1", Spec.quiet(1).repetitions(1));
        Path b2 = folder("b2", Spec.quiet(2).repetitions(1));
        Path c1 = folder("c1", Spec.quiet(3).repetitions(1).scale(1.3));
        Path c2 = folder("c2", Spec.quiet(4).repetitions(1).scale(1.3));
        Outcome o = compare(b1 + "," + b2, c1 + "," + c2, "--out", tmp.resolve("out").toString());
        assertEquals(1, o.code, o.out + o.err);
        JsonNode json = Json.MAPPER.readTree(tmp.resolve("out/compare.json").toFile());
        assertEquals(2, json.at("/cells/0/repetitions/baseline").asInt());
        assertEquals(2, json.at("/cells/0/repetitions/candidate").asInt());
        // CPU/req (30 % higher in the synthetic candidate) gets an interval once each side has two runs
        assertEquals("REGRESSION", json.at("/cells/0/metrics/4/verdict").asText(), json.at("/cells/0/metrics/4").toString());
        assertTrue(json.at("/cells/0/metrics/4/note").isNull());
    }

    @Test
    void driverGatlingReadsTheGatlingSubfolders() throws IOException {
        Path b = folder("base", Spec.quiet(1).repetitions(1));
        Path c = folder("cand", Spec.quiet(2).repetitions(1).scale(1.3));
        for (Path run : List.of(b, c)) {
            Path cell = run.resolve("eventloop/plaintext");
            Files.createDirectories(cell.resolve("gatling"));
            Files.move(cell.resolve("summary.json"), cell.resolve("gatling/summary.json"));
            // Gatling's log tags its latency "all": it has no corrected latency
            Files.writeString(cell.resolve("gatling/latency.hlog"),
                    Files.readString(cell.resolve("latency.hlog")).replace("Tag=corrected,", "Tag=all,"));
            Files.delete(cell.resolve("latency.hlog"));
        }
        Outcome precise = compare(b.toString(), c.toString());
        assertEquals(2, precise.code, precise.out);
        assertTrue(precise.err.contains("holds no measurement"), precise.err);
        Outcome gatling = compare(b.toString(), c.toString(), "--driver", "gatling");
        assertEquals(1, gatling.code, gatling.out + gatling.err);
        assertEquals(2, compare(b.toString(), c.toString(), "--driver", "wrk").code);
    }

    @Test
    void helpListsTheExitCodes() {
        Outcome o = compare("--help");
        assertEquals(0, o.code);
        for (String s : List.of("Exit codes:", "1   a gating metric regressed", "3   a gating metric is inconclusive",
                "4   an invalid measurement")) {
            assertTrue(o.out.contains(s), s + " in " + o.out);
        }
    }
}

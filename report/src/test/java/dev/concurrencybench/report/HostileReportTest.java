package dev.concurrencybench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.concurrencybench.report.output.ReportFiles;
import dev.concurrencybench.report.read.ResultsFolder;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.BackgroundOutcome;
import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.HostileOutcome;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.ListenQueue;
import dev.concurrencybench.report.results.Summary;
import dev.concurrencybench.report.results.Survival;
import dev.concurrencybench.report.table.HostileTable;
import dev.concurrencybench.report.table.LatencyTable;
import dev.concurrencybench.report.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile cells in summary.json and in the reports: the optional {@code hostile} field survives a round trip and
 * old files stay readable; a model that served nobody is "0 req/s served" in a red row; the background groups and
 * survival checks get their own tables.
 */
class HostileReportTest {

    private static final ObjectReader SUMMARY = Json.MAPPER.readerFor(Summary.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static HostileOutcome outcome() {
        return new HostileOutcome(
                List.of(new BackgroundOutcome("slowloris", "slowloris", 1000, 0, 2900, 3, 1000, 1900, 10_003L, 10_420L,
                        48_000, 0, 0, 0)),
                new Survival(new Survival.Probe(false, 0, 5003, "Read timed out"), new Survival.Probe(true, 200, 4, null),
                        new Survival.Readings(40L, 1057L, 41L), false, 60_000, 60_000,
                        new Survival.Readings(200L << 20, 260L << 20, 250L << 20), new Survival.Readings(230L, 231L, 230L)),
                new ListenQueue("ss", 1024, 17, 25, 0, 0),
                new HostileOutcome.HeldConnectionRss(1000, 200L << 20, 210L << 20, 10485.8));
    }

    @Test
    void hostileOutcomeSurvivesARoundTripAndOldSummariesStayReadable(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        Path file = run.resolve("eventloop/plaintext/summary.json");
        Summary old = SUMMARY.readValue(file.toFile());
        assertNull(old.hostile(), "a summary written before the field existed");
        Summary hostile = old.withHostile(outcome());
        Json.write(file, hostile);
        assertTrue(Files.readString(file).contains("\"hostile\""));
        Summary back = SUMMARY.readValue(file.toFile());
        assertEquals(hostile, back);
        assertEquals(outcome(), back.hostile());
        Json.write(file, old);
        assertTrue(!Files.readString(file).contains("\"hostile\""), "absent, not null, when there is none");
    }

    @Test
    void aModelThatServedNobodyIsARedZeroReqPerSecondRow(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        Path file = run.resolve("eventloop/plaintext/summary.json");
        Summary s = SUMMARY.readValue(file.toFile());
        Counts none = new Counts(0, 0, 0, s.requests().completed(), 0, 0, 0, 0);
        Summary starved = new Summary(s.server(), s.scenario(), s.driver(), s.resolutionMicros(), s.mode(),
                s.targetRate(), 0, s.durationSeconds(), s.connections(), s.latency(), s.uncorrected(), s.lag(),
                s.classes(), none, none.errors(), s.serverMetrics(), false,
                List.of("0 req/s served: not one normal request was answered"), List.of(), null, outcome(), null);
        assertTrue(starved.servedNone());
        Json.write(file, starved);

        RunResults results = ResultsFolder.read(run);
        Table t = LatencyTable.build(results, "plaintext", null);
        Table.Row row = t.rows().stream().filter(r -> r.cells().get(0).equals("eventloop")).findFirst().orElseThrow();
        assertTrue(row.invalid(), "red");
        assertTrue(row.cells().contains("0 req/s served (" + Math.round(s.targetRate()) + ")"), row.cells().toString());
        assertEquals("-", row.cells().get(7), "no CPU per request when no request was served");
        assertEquals("-", row.cells().get(9), "no context switches per request either");

        Table groups = HostileTable.groups(results, "plaintext");
        assertNotNull(groups);
        assertEquals(1, groups.rows().size());
        assertEquals(List.of("eventloop", "slowloris", "slowloris", "1000", "2900", "3", "1000", "1900",
                "10003 / 10420", "48000", "0", "-"), groups.rows().get(0).cells());
        Table survival = HostileTable.survival(results, "plaintext");
        Table.Row sr = survival.rows().get(0);
        assertTrue(sr.invalid(), "served nobody and fds not back: red");
        assertEquals("0 req/s served", sr.cells().get(1));
        assertEquals("no answer (Read timed out)", sr.cells().get(2));
        assertEquals("200 in 4 ms", sr.cells().get(3));
        assertTrue(sr.cells().get(4).startsWith("40 → 1057 → 41 (not back"), sr.cells().get(4));
        assertEquals("10486 B × 1000", sr.cells().get(7));
        assertNull(HostileTable.groups(results, "json"), "no hostile cells there");

        ReportFiles.Written w = ReportFiles.write(run, tmp.resolve("out"), null);
        String html = Files.readString(w.html());
        assertTrue(html.contains("<h3>Hostile clients</h3>"));
        assertTrue(html.matches("(?s).*<tr class=\"invalid\"><td>eventloop</td>.*0 req/s served \\(.*"), "red row in the html");
        String md = Files.readString(w.markdown());
        assertTrue(md.contains("| ❌ eventloop |"), md);
        assertTrue(md.contains("0 req/s served"), md);
        assertTrue(md.contains("Survival checks"), md);
    }
}

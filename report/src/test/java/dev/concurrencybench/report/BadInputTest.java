package dev.concurrencybench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concurrencybench.report.output.ReportFiles;
import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.ResultsException;
import dev.concurrencybench.report.read.ResultsFolder;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders a report cannot trust: not a results folder, unreadable run.json, a newer schema (one-line errors), and
 * an interrupted run with a missing summary and a truncated log (a report that names every hole). Reporting never
 * changes anything in the folder but the two report files.
 */
class BadInputTest {

    @Test
    void aFolderWithoutRunJsonIsAOneLineError(@TempDir Path dir) {
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFolder.read(dir));
        assertTrue(e.getMessage().contains("has no run.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(ResultsException.class, () -> ResultsFolder.read(dir.resolve("absent")));
    }

    @Test
    void aHalfWrittenRunJsonIsAOneLineError(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        String json = Files.readString(run.resolve("run.json"));
        Files.writeString(run.resolve("run.json"), json.substring(0, json.length() / 2));
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFolder.read(run));
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(run.resolve("report.html")));
    }

    @Test
    void aNewerSchemaIsRefused(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(run.resolve("run.json").toFile());
        json.put("schemaVersion", 99);
        Json.write(run.resolve("run.json"), json);
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFolder.read(run));
        assertTrue(e.getMessage().contains("schema version 99, newer than this bench reads"), e.getMessage());
    }

    @Test
    void anInterruptedRunIsReportedWithItsHolesNamedAndNothingElseTouched(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(run.resolve("run.json").toFile());
        json.put("status", "interrupted").put("statusReason", "stopped before the end (signal)");
        Json.write(run.resolve("run.json"), json);
        // the last cell never wrote its summary, and its log stops in the middle of a line
        Path cell = run.resolve("reactive/json");
        Files.delete(cell.resolve("summary.json"));
        String log = Files.readString(cell.resolve("latency.hlog"));
        Files.writeString(cell.resolve("latency.hlog"), log.substring(0, log.length() - 200));
        // and another cell's folder is not there at all
        deleteTree(run.resolve("eventloop/json"));
        Map<String, String> before = fingerprint(run);

        ReportFiles.Written w = ReportFiles.write(run, run, null);

        Map<String, String> after = fingerprint(run);
        after.remove("report.html");
        after.remove("report.md");
        assertEquals(before, after, "reporting changed the results folder");
        assertFalse(w.complete());
        String md = Files.readString(w.markdown());
        assertTrue(md.contains("Not a complete run"), md);
        assertTrue(md.contains("reactive/json/summary.json missing"), md);
        assertTrue(md.contains("reactive/json/latency.hlog is damaged after"), md);
        assertTrue(md.contains("never reached this cell"), md);
        String html = Files.readString(w.html());
        assertTrue(html.contains("class=\"banner\""));
        RunResults r = ResultsFolder.read(run);
        Cell reactive = r.measurements("json").stream().filter(c -> c.server().equals("reactive")).findFirst()
                .orElseThrow();
        assertFalse(reactive.valid(), "a cell without a summary is never drawn as valid");
        assertTrue(reactive.latency().corrected().getTotalCount() > 0, "the intervals before the damage are kept");
    }

    @Test
    void aDamagedSummaryIsNamedAndTheRestIsReported(@TempDir Path tmp) throws Exception {
        Path run = Fixtures.copy("run", tmp);
        Files.writeString(run.resolve("eventloop/plaintext/summary.json"), "{\"server\": \"eventl");
        RunResults r = ResultsFolder.read(run);
        Cell broken = r.measurements("plaintext").get(0);
        assertEquals("eventloop", broken.server());
        assertFalse(broken.valid());
        assertTrue(broken.problems().get(0).startsWith("eventloop/plaintext/summary.json unreadable"),
                broken.problems().toString());
        assertTrue(r.measurements("json").stream().allMatch(c -> c.summary() != null), "the other cells still read");
        assertTrue(Files.readString(ReportFiles.write(run, run, null).markdown())
                .contains("eventloop/plaintext/summary.json unreadable"));
    }

    static Map<String, String> fingerprint(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (var all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(sha) + "@"
                        + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    static void deleteTree(Path d) throws Exception {
        try (var all = Files.walk(d)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

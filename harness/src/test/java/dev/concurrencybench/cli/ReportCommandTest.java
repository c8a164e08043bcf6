package dev.concurrencybench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.harness.run.ClosingReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench report}: a real results folder (the report module's checked-in {@code run} fixture, copied) gets
 * its two reports and the html path as the last line; bad folders and flags get one line and exit code 2.
 */
class ReportCommandTest {

    /** The report module's fixture, read in place from the reactor (tests run in the module's folder). */
    private static final Path FIXTURE = Path.of("../report/src/test/resources/results/run");

    @TempDir
    Path tmp;

    @Test
    void writesBothReportsAndPrintsTheHtmlPathLast() throws Exception {
        Path run = copy(FIXTURE, tmp.resolve("run"));
        Path out = tmp.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = cli(stdout, stderr).execute("report", run.toString(), "--out", out.toString(),
                "--baseline", run.toString());
        assertEquals(0, code, stderr.toString());
        List<String> lines = stdout.toString().lines().toList();
        assertEquals(out.resolve("report.html").toString(), lines.get(lines.size() - 1));
        assertTrue(Files.readString(out.resolve("report.md")).contains("baseline → now"));
        assertFalse(Files.exists(run.resolve("report.html")), "--out puts the reports elsewhere");
    }

    @Test
    void notAResultsFolderIsOneLineAndExitCode2() {
        StringWriter stderr = new StringWriter();
        int code = cli(new StringWriter(), stderr).execute("report", tmp.toString());
        assertEquals(2, code);
        assertEquals(List.of("bench: " + tmp + " is not a results folder: it has no run.json"),
                stderr.toString().lines().toList());
    }

    @Test
    void missingFoldersAreBadArguments() {
        for (String[] args : List.of(new String[] {"report", tmp.resolve("absent").toString()},
                new String[] {"report", tmp.toString(), "--baseline", tmp.resolve("absent").toString()},
                new String[] {"report"})) {
            StringWriter stderr = new StringWriter();
            assertEquals(2, cli(new StringWriter(), stderr).execute(args), String.join(" ", args));
            assertTrue(stderr.toString().startsWith("bench: "), stderr.toString());
            assertFalse(stderr.toString().contains("Exception"), stderr.toString());
        }
    }

    @Test
    void helpPrintsCleanly() {
        StringWriter stdout = new StringWriter();
        assertEquals(0, cli(stdout, new StringWriter()).execute("report", "--help"));
        assertTrue(stdout.toString().contains("Usage: bench report"));
        assertTrue(stdout.toString().contains("--baseline"));
    }

    @Test
    void theClosingReportOfARunEndsWithTheHtmlPath() throws Exception {
        Path run = copy(FIXTURE, tmp.resolve("run"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClosingReport.write(run, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(run.resolve("report.html").toString(), lines.get(lines.size() - 1));
    }

    private static CommandLine cli(StringWriter out, StringWriter err) {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}

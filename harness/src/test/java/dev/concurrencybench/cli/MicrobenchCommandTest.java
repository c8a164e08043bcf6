package dev.concurrencybench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.harness.microbench.JmhRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench microbench} and {@code bench tradeoffs} refuse bad input with one line and exit 2. */
class MicrobenchCommandTest {

    @TempDir
    Path tmp;

    private String[] run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        String text = err.toString();
        assertEquals(expectedCode, code, text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        return text.lines().toArray(String[]::new);
    }

    @Test
    void aBadRegexIsOneLine() {
        String first = run(2, "microbench", "--microbench-target", tmp.toString(), "(")[0];
        assertTrue(first.startsWith("bench: REGEX is not a regular expression"), first);
    }

    @Test
    void missingBenchmarksSayHowToBuildThem() {
        String first = run(2, "microbench", "--microbench-target", tmp.toString(), "--quick")[0];
        assertTrue(first.startsWith("bench: no JMH benchmarks at ") && first.contains("-pl microbench -am"), first);
    }

    @Test
    void tradeoffsRefusesAMissingJmhFileAndUnknownServers() {
        assertTrue(run(2, "tradeoffs", "--microbench-json", tmp.resolve("nope.json").toString())[0]
                .contains("--microbench-json: no such file"));
        assertTrue(run(2, "tradeoffs", "--quick", "--servers", "nonesuch", "--scenario-dir", "../scenarios")[0]
                .contains("unknown server 'nonesuch'"));
    }

    @Test
    void quickModeAndTheGcProfilerReachJmhsCommandLine() throws Exception {
        Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(tmp.resolve("microbench.jar"), "");
        List<String> cmd = new JmhRun(tmp, "handoff", true, true, List.of(), tmp.resolve("out/jmh.json")).command();
        assertEquals("org.openjdk.jmh.Main", cmd.get(3));
        assertEquals("handoff", cmd.get(4));
        String joined = String.join(" ", cmd);
        assertTrue(joined.contains(String.join(" ", JmhRun.QUICK_OPTIONS)), joined);
        assertTrue(joined.contains("-prof gc") && joined.contains("-rf json -rff " + tmp.resolve("out/jmh.json")), joined);
    }
}

package dev.concurrencybench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad flags of compare, ci, gate-check and --repeat: one line naming the problem, exit 2, before anything runs. */
class RegressionGateArgumentsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run --repeat 0                                  | --repeat must be 1..100",
        "ci --repeat 101                                 | --repeat must be 1..100",
        "run --inject-delay-us -1                        | --inject-delay-us must be 0..1000000",
        "gate-check --trials 0                           | --trials must be 1..1000",
        "gate-check --delay-us 0                         | --delay-us must be 1..1000000",
        "gate-check --inject-delay-us 5                  | gate-check sets the injected delay itself",
        "gate-check --p99-delta 0                        | --p99-delta: tolerance must be > 0%",
        "gate-check --from /nonexistent-gate             | /nonexistent-gate is not a gate-check folder",
        "compare onlyone                                 | Missing required parameter: 'CANDIDATE'",
        "compare a b --gating p77                        | unknown metric 'p77'",
        "compare a b --delta p99=abc                     | tolerance must be a percentage",
        "compare a b --annotations sometimes             | --annotations must be auto, always or never",
        "compare /nonexistent-a /nonexistent-b           | /nonexistent-a is not a folder",
        "compare a b --config /nonexistent.conf          | config file /nonexistent.conf does not exist",
    })
    void badFlagsGiveOneLineAndExitCode2(String args, String expected) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args.trim().split("\\s+"));
        String text = err.toString();
        assertEquals(2, code, text);
        String firstLine = text.lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("bench: ") && firstLine.contains(expected), "first line: " + firstLine);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }
}

package dev.concurrencybench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad flags: a one-line error naming the problem, then usage, exit code 2, never a stack trace. */
class ArgumentValidationTest {

    private static final String LOOP = "--url=http://127.0.0.1:1/x --duration=1s ";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load --rate 1 --duration 1s                                     | Missing required option: '--url",
        "load --url=ftp://127.0.0.1/ --rate 1 --duration 1s              | http:// or https://",
        "load --url=http://10.1.2.3/ --rate 1 --duration 1s              | --allow-remote",
        "load " + LOOP + "--rate 0                                        | --rate must be > 0",
        "load " + LOOP                                                 + "| --rate must be > 0",
        "load " + LOOP + "--rate 5 --closed-loop                          | --closed-loop takes no --rate",
        "load --url=http://127.0.0.1:1/ --rate 1 --duration abc          | 'abc' is not a duration",
        "load " + LOOP + "--rate 5 --connections 0                        | connections must be >= 1",
        "load " + LOOP + "--rate 5 --method PUT                           | --method must be GET or POST",
        "load " + LOOP + "--rate 5 --pipeline 2 --connection-per-request  | pipelining needs keep-alive",
        "run --driver wrk                                                 | --driver: unknown driver 'wrk'",
        "run --driver gatling,gatling                                     | 'gatling' given twice",
        "sweep --driver precise,                                          | unknown driver ''",
        "load " + LOOP + "--rate 5 --driver jmeter                        | unknown driver 'jmeter'",
        "load " + LOOP + "--closed-loop --driver gatling                  | Gatling's HTTP client has no closed-loop",
        "load " + LOOP + "--rate 5 --pipeline 2 --driver gatling          | cannot pipeline",
        // CPU 0 exists on every machine: CPU 1 does not on a 1-CPU one, where server=1 would fail as "outside
        // CPUs" before the check this case is about (an out-of-range CPU is its own test, sized to this machine)
        "run --cpus server=0                                              | needs both",
        "run --rate -3                                                    | --rate must be > 0",
        "run --scenario-dir=/nonexistent-dir                              | not found",
        "sweep --factor 1                                                 | --factor must be > 1",
        "calibrate --rate 0                                               | --rate must be > 0",
        "calibrate --instrument apache                                    | instrument must be auto, nginx or responder",
        "calibrate --keepalive-requests 0                                 | --keepalive-requests must be >= 1",
        "run --instrument apache                                          | instrument must be auto, nginx or responder",
        "run --max-connections 0                                          | --max-connections must be 1..1048576, was 0",
        "run --min-request-data-rate -1                                   | --min-request-data-rate must be 0 (off)..",
        "sweep --max-connections 2000000                                  | --max-connections must be 1..1048576",
        "serve threadpool --max-connections -3                            | --max-connections must be 1..1048576, was -3",
        "serve threadpool --min-request-data-rate 2000000000              | --min-request-data-rate must be 0 (off)..",
        "serve threadpool --max-connections lots                          | 'lots' is not an int",
        "ratio --rounds 0                                                 | --rounds must be >= 1",
        "ratio --servers apache                                           | unknown server 'apache'",
        "ratio --duration 1.5s                                            | --duration must be whole seconds",
        "ratio --duration 0s                                              | --duration must be at least 1s",
        "ratio --rate 0                                                   | --rate must be > 0",
        "ratio --cpu-duration 0                                           | --cpu-duration must be at least 1s",
        "ratio --connections 0                                            | --connections must be >= 1",
        "ratio --tls=maybe                                                | --tls",
        "frobnicate                                                       | Unmatched argument",
    })
    void badFlagsGiveOneLineErrorUsageAndExitCode2(String args, String expected) {
        assertOneLineErrorUsageAndExitCode2(args, expected);
    }

    @Test
    void aCpuThisMachineDoesNotHaveIsRejected() {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertOneLineErrorUsageAndExitCode2("run --cpus server=" + cpus + ",loadgen=0", "outside CPUs 0-" + (cpus - 1));
    }

    private static void assertOneLineErrorUsageAndExitCode2(String args, String expected) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args.trim().split("\\s+"));
        String text = err.toString();
        assertEquals(2, code, text);
        String firstLine = text.lines().findFirst().orElse("");
        assertTrue(firstLine.contains(expected), "first line: " + firstLine);
        assertTrue(text.contains("Usage:"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }

    @ParameterizedTest
    @CsvSource({"frobnicate --help", "--help frobnicate", "run frobnicate --help"})
    void anUnknownCommandFailsEvenWithHelp(String args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(out));
        int code = cl.execute(args.split(" "));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().startsWith("bench: unknown command or argument 'frobnicate'"), err.toString());
        assertEquals("", out.toString());
    }

    @ParameterizedTest
    @CsvSource({"run", "load", "sweep", "serve", "scenarios", "calibrate"})
    void everyHelpPrintsCleanly(String command) {
        StringWriter out = new StringWriter();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().setOut(new PrintWriter(out)).execute(command, "--help");
            assertEquals(0, code);
        } finally {
            System.setErr(saved);
        }
        assertTrue(out.toString().contains("Usage: bench " + command), out.toString());
        // picocli reports format errors in descriptions (an unescaped %) as WARN lines on stderr
        assertEquals("", stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void durationsAcceptTheUsualUnits() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
    }
}

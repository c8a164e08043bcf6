package dev.concurrencybench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.cli.Main;
import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import dev.concurrencybench.report.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench run} end to end with a test server JVM standing in for {@code bench serve}: launch, readiness,
 * verification, warm-up, measurement, /proc sampling, clean stop, and the results folder.
 */
class RunCommandTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void runLeavesACompleteResultsFolderAndNoServerBehind() throws Exception {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(scenarios.resolve("plaintext.json"),
                "{\"description\": \"d\", \"rate\": 300, \"connections\": 4, \"requests\": [{\"path\": \"/plaintext\"}]}");
        Path results = tmp.resolve("results");
        int code = Main.commandLine().execute("run", "--servers", "test", "--scenario", "plaintext",
                "--warmup", "1s", "--duration", "2s", "--cpus", "none", "--scenario-dir", scenarios.toString(),
                "--results", results.toString(), "--server-main", TestHttpServer.class.getName(), "--no-floor");
        assertEquals(0, code);
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        JsonNode run = Json.MAPPER.readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete", run.get("status").asText());
        assertEquals("test", run.get("servers").get(0).asText());
        assertTrue(run.get("jvmFlags").toString().contains("-XX:ActiveProcessorCount="));
        Path cell = runDir.resolve("test").resolve("plaintext");
        for (String f : List.of("latency.hlog", "latency.hgrm", "summary.json", "server.log", "proc.csv")) {
            assertTrue(Files.size(cell.resolve(f)) > 0, f);
        }
        String hlog = Files.readString(cell.resolve("latency.hlog"));
        assertTrue(hlog.contains("Tag=corrected") && hlog.contains("Tag=uncorrected") && hlog.contains("Tag=lag"));
        JsonNode summary = Json.MAPPER.readTree(cell.resolve("summary.json").toFile());
        assertEquals(0, summary.get("errors").asLong());
        assertEquals(600, summary.get("latency").get("count").asLong(), 10);
        JsonNode m = summary.get("serverMetrics");
        assertTrue(m.get("cpuMicros").asLong() > 0, m.toString());
        assertTrue(m.get("peakRssBytes").asLong() > 0, m.toString());
        assertTrue(m.get("maxThreads").asInt() > 0, m.toString());
        JsonNode health = summary.get("driverHealth");
        assertTrue(health != null && health.get("loadgen").has("stealMillis") && health.get("server").has("otherMillis")
                && health.has("jitMillis") && health.has("driverInvoluntarySwitches"), String.valueOf(health));
        assertTrue(Files.size(runDir.resolve("report.html")) > 0, "run ends by writing its report");
        assertTrue(Files.size(runDir.resolve("report.md")) > 0, "run ends by writing its report");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains(runDir.toString())).orElse(false)),
                "a test server outlived the run");
        assertTrue(run.get("floor") == null, "--no-floor");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void floorComesFirstAndTheServerOrderRotatesFromScenarioToScenario() throws Exception {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(scenarios.resolve("one.json"),
                "{\"description\": \"d\", \"rate\": 300, \"connections\": 4, \"requests\": [{\"path\": \"/plaintext\"}]}");
        Files.writeString(scenarios.resolve("two.json"),
                "{\"description\": \"d\", \"rate\": 200, \"connections\": 2, \"requests\": [{\"path\": \"/json\"}]}");
        Path results = tmp.resolve("results");
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int code;
        System.setOut(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            code = Main.commandLine().execute("run", "--servers", "a,b", "--scenario", "one,two",
                    "--warmup", "500ms", "--duration", "1s", "--cpus", "none", "--scenario-dir", scenarios.toString(),
                    "--results", results.toString(), "--server-main", TestHttpServer.class.getName(),
                    "--instrument", "responder");
        } finally {
            System.setOut(saved);
        }
        String text = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        JsonNode run = Json.MAPPER.readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete", run.get("status").asText());
        assertEquals("[\"a\",\"b\"]", run.get("order").get("one").toString());
        assertEquals("[\"b\",\"a\"]", run.get("order").get("two").toString());
        JsonNode floor = run.get("floor");
        assertEquals("bench responder", floor.get("instrument").asText());
        JsonNode fs = floor.get("summary");
        assertEquals("floor", fs.get("server").asText());
        assertEquals(300.0, fs.get("targetRate").asDouble(), "the first scenario's rate");
        assertEquals(4, fs.get("connections").asInt());
        assertEquals(0, fs.get("errors").asLong());
        assertEquals(1_500, fs.get("latency").get("count").asLong(), 5);
        JsonNode summaryFile = Json.MAPPER.readTree(runDir.resolve("floor").resolve("summary.json").toFile());
        assertEquals(fs, summaryFile, "run.json holds the same object as the floor's summary.json");
        // the table: header, then the floor marked as the instrument, then the cells in the plan's order
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("server ")).findFirst().orElseThrow());
        assertTrue(lines.get(header).contains("lag P99"), lines.get(header));
        assertTrue(lines.get(header + 1).startsWith("floor*"), lines.get(header + 1));
        assertTrue(lines.get(header + 2).startsWith("a ") && lines.get(header + 2).contains(" one "), text);
        assertTrue(lines.get(header + 5).startsWith("b ") && lines.get(header + 5).contains(" two "), text);
        assertTrue(text.contains("* the instrument: the driver against bench responder"), text);
        assertTrue(text.contains("driver self-warm-up"), text);
        List<String> left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("BenchResponder") && p.parent().map(pp -> pp.pid() == ProcessHandle.current().pid())
                        .orElse(false)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertTrue(left.isEmpty(), "the responder outlived the run: " + left);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void repeatWritesEachRepetitionAndAMergedSummaryThatCompareReads() throws Exception {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(scenarios.resolve("plaintext.json"),
                "{\"description\": \"d\", \"rate\": 300, \"connections\": 4, \"requests\": [{\"path\": \"/plaintext\"}]}");
        Path results = tmp.resolve("results");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int code;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            code = Main.commandLine().execute("run", "--servers", "test-a,test-b", "--scenario", "plaintext",
                    "--repeat", "2", "--warmup", "1s", "--duration", "1s", "--cpus", "none",
                    "--scenario-dir", scenarios.toString(), "--results", results.toString(),
                    "--server-main", TestHttpServer.class.getName());
        } finally {
            System.setOut(old);
        }
        String out = captured.toString();
        assertEquals(0, code, out);
        // round-robin: a, b, a, b - never the same cell twice in a row
        List<String> order = out.lines().filter(l -> l.contains(": verified on port"))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("test-a/plaintext rep-1", "test-b/plaintext rep-1", "test-a/plaintext rep-2",
                "test-b/plaintext rep-2"), order);
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        assertEquals(2, Json.MAPPER.readTree(runDir.resolve("run.json").toFile()).get("repeat").asInt());
        Path cell = runDir.resolve("test-a").resolve("plaintext");
        long perRep = 0;
        for (String rep : List.of("rep-1", "rep-2")) {
            assertTrue(Files.size(cell.resolve(rep).resolve("latency.hlog")) > 0);
            perRep += Json.MAPPER.readTree(cell.resolve(rep).resolve("summary.json").toFile()).at("/latency/count").asLong();
        }
        JsonNode merged = Json.MAPPER.readTree(cell.resolve("summary.json").toFile());
        assertEquals(perRep, merged.at("/latency/count").asLong());
        assertEquals(2, merged.get("durationSeconds").asDouble(), 0.2);
        // the run compares against itself (too few samples for most verdicts, but read without error)
        java.io.StringWriter cmp = new java.io.StringWriter();
        int compared = Main.commandLine().setOut(new java.io.PrintWriter(cmp)).execute("compare",
                runDir.toString(), runDir.toString(), "--out", tmp.resolve("cmp").toString());
        // 0, or 4 when a 1 s repetition on a busy machine was judged invalid: both mean "read and compared"
        assertTrue(compared == 0 || compared == 4, compared + ": " + cmp);
        assertTrue(cmp.toString().contains("test-b       plaintext"), cmp.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void gateCheckRunsABAndPrintsItsFigures() throws Exception {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(scenarios.resolve("plaintext.json"),
                "{\"description\": \"d\", \"rate\": 300, \"connections\": 4, \"requests\": [{\"path\": \"/plaintext\"}]}");
        Path results = tmp.resolve("results");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int code;
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            code = Main.commandLine().execute("gate-check", "--servers", "test", "--scenario", "plaintext",
                    "--repeat", "1", "--trials", "1", "--delay-us", "50", "--warmup", "1s", "--duration", "1s",
                    "--cpus", "none", "--scenario-dir", scenarios.toString(), "--results", results.toString(),
                    "--server-main", TestHttpServer.class.getName());
        } finally {
            System.setOut(old);
        }
        String out = captured.toString();
        assertEquals(0, code, out);
        assertTrue(out.contains("false-alarm rate (A/A with a gating regression):"), out);
        assertTrue(out.contains("detection rate (A/B, 50 µs injected):"), out);
        Path root;
        try (Stream<Path> s = Files.list(results)) {
            root = s.findFirst().orElseThrow();
        }
        JsonNode figures = Json.MAPPER.readTree(root.resolve("gate-check.json").toFile());
        assertEquals(1, figures.get("comparisons").asInt());
        assertEquals(50, figures.get("injectDelayUs").asInt());
        for (String run : List.of("A1", "B1", "A2")) {
            assertTrue(Files.isDirectory(root.resolve(run)), run);
        }
        try (Stream<Path> s = Files.list(root.resolve("B1"))) {
            Path b = s.findFirst().orElseThrow();
            assertEquals(50, Json.MAPPER.readTree(b.resolve("run.json").toFile()).get("injectDelayUs").asInt());
        }

        // the same runs judged again with another δ, nothing re-run
        captured.reset();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            code = Main.commandLine().execute("gate-check", "--from", root.toString(), "--p99-delta", "5");
        } finally {
            System.setOut(old);
        }
        String again = captured.toString();
        assertEquals(0, code, again);
        assertTrue(again.contains("P99 δ = 5.0 %, 1 comparisons each"), again);
        assertTrue(again.contains("detection rate (A/B, 50 µs injected):"), again);
        JsonNode redone = Json.MAPPER.readTree(root.resolve("gate-check-p99-5.0.json").toFile());
        assertEquals(1, redone.get("comparisons").asInt());
        assertEquals(0.05, redone.get("p99Delta").asDouble(), 1e-9);
        assertEquals("plaintext", redone.get("scenarios").get(0).asText());
    }
}

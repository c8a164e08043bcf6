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
                "--results", results.toString(), "--server-main", TestHttpServer.class.getName());
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
        assertTrue(Files.size(runDir.resolve("report.html")) > 0, "run ends by writing its report");
        assertTrue(Files.size(runDir.resolve("report.md")) > 0, "run ends by writing its report");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains(runDir.toString())).orElse(false)),
                "a test server outlived the run");
    }
}

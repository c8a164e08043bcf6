package dev.concurrencybench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * {@code bench run --driver precise,gatling} end to end with a test server JVM: both drivers on the same cell,
 * Gatling's files in the cell's {@code gatling/} folder with server-side metrics, an SLO judged on both, and a
 * pipelined scenario that Gatling skips (saying why) without failing the run.
 */
class GatlingRunCommandTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void bothDriversMeasureTheSameCellAndGatlingSkipsPipelining() throws Exception {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(scenarios.resolve("plaintext.json"), "{\"description\": \"d\", \"rate\": 100, \"connections\": 4,"
                + " \"requests\": [{\"path\": \"/plaintext\"}], \"slo\": {\"p99Millis\": 60000, \"maxErrorPercent\": 0.1}}");
        Files.writeString(scenarios.resolve("piped.json"), "{\"description\": \"d\", \"rate\": 100, \"connections\": 2,"
                + " \"pipeline\": 2, \"requests\": [{\"path\": \"/plaintext\"}]}");
        Path results = tmp.resolve("results");
        int code = Main.commandLine().execute("run", "--servers", "test", "--scenario", "plaintext,piped",
                "--driver", "precise,gatling", "--warmup", "1s", "--duration", "2s", "--cpus", "none",
                "--scenario-dir", scenarios.toString(), "--results", results.toString(),
                "--server-main", TestHttpServer.class.getName());
        assertEquals(0, code);
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        JsonNode run = Json.MAPPER.readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete", run.get("status").asText());
        assertEquals("[\"precise\",\"gatling\"]", run.get("drivers").toString());
        assertTrue(run.get("results").toString().contains("test/plaintext/gatling/summary.json"), run.toString());

        Path cell = runDir.resolve("test/plaintext");
        Path g = cell.resolve("gatling");
        for (String f : List.of("index.html", "simulation.log", "latency.hlog", "latency.hgrm", "summary.json",
                "gatling.json", "proc.csv")) {
            assertTrue(Files.size(g.resolve(f)) > 0, f);
        }
        JsonNode precise = Json.MAPPER.readTree(cell.resolve("summary.json").toFile());
        JsonNode gatling = Json.MAPPER.readTree(g.resolve("summary.json").toFile());
        assertEquals("precise", precise.get("driver").asText());
        assertEquals("gatling", gatling.get("driver").asText());
        assertEquals(1000, gatling.get("resolutionMicros").asLong());
        // every user of the run is accounted for: 100 warm-up and 200 measured users, one request each; how many
        // went out inside the window depends on how far behind a cold Gatling was, so only the sum is fixed
        JsonNode facts = Json.MAPPER.readTree(g.resolve("gatling.json").toFile());
        long completed = gatling.get("requests").get("completed").asLong();
        assertTrue(completed > 0, gatling.toString());
        assertEquals(300, completed + facts.get("warmupRequests").asLong() + facts.get("afterWindowRequests").asLong());
        assertEquals(0, gatling.get("errors").asLong());
        assertTrue(gatling.get("serverMetrics").get("cpuMicros").asLong() > 0, gatling.toString());
        // the same SLO, judged on both drivers' measurements
        assertTrue(precise.get("slo").get("passed").asBoolean(), precise.get("slo").toString());
        assertTrue(gatling.get("slo").get("passed").asBoolean(), gatling.get("slo").toString());
        assertTrue(facts.get("assertionsPassed").asBoolean(), facts.toString());

        Path piped = runDir.resolve("test/piped");
        assertTrue(Files.isRegularFile(piped.resolve("summary.json")), "the precise driver pipelines");
        assertTrue(Files.readString(piped.resolve("gatling/skipped.txt")).contains("cannot pipeline"));
        assertFalse(Files.exists(piped.resolve("gatling/summary.json")));
    }
}

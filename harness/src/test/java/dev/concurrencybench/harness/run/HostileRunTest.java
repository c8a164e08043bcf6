package dev.concurrencybench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.cli.Main;
import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import dev.concurrencybench.report.results.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench run} of a scenario with background clients, end to end against a test server JVM: the groups'
 * outcome and the survival checks land in summary.json, on the console and in the report.
 */
class HostileRunTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void hostileCellRecordsBackgroundOutcomeAndSurvival() throws Exception {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(scenarios.resolve("hostile.json"), """
                {"description": "d", "rate": 200, "connections": 2, "requests": [{"path": "/plaintext"}],
                 "background": [{"kind": "idle", "connections": 20},
                                {"kind": "flood", "ratePerSecond": 50, "connections": 5}]}""");
        Path results = tmp.resolve("results");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            code = Main.commandLine().execute("run", "--servers", "test", "--scenario", "hostile",
                    "--warmup", "500ms", "--duration", "1s", "--cpus", "none", "--scenario-dir", scenarios.toString(),
                    "--results", results.toString(), "--server-main", TestHttpServer.class.getName(), "--no-floor");
        } finally {
            System.setOut(saved);
        }
        String text = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.findFirst().orElseThrow();
        }
        JsonNode summary = Json.MAPPER.readTree(runDir.resolve("test/hostile/summary.json").toFile());
        assertEquals(0, summary.get("errors").asLong(), summary.toString());
        JsonNode h = summary.get("hostile");
        assertEquals(2, h.get("groups").size());
        JsonNode idle = h.get("groups").get(0);
        assertEquals("idle", idle.get("kind").asText());
        assertEquals(20, idle.get("opened").asLong());
        assertEquals(20, idle.get("responses").asLong());
        assertEquals(20, idle.get("held").asLong());
        JsonNode flood = h.get("groups").get(1);
        assertEquals(5, flood.get("opened").asLong(), "the flood's bound");
        JsonNode s = h.get("survival");
        assertTrue(s.get("freshRequestDuringAttack").get("answered").asBoolean(), s.toString());
        assertTrue(s.get("freshRequestAfter").get("answered").asBoolean(), s.toString());
        assertEquals(200, s.get("freshRequestAfter").get("status").asInt());
        assertTrue(s.get("fdsBackToBaseline").asBoolean(), s.toString());
        assertTrue(s.get("fds").get("peak").asLong() >= s.get("fds").get("before").asLong() + 25,
                "the attack's 25 connections were open at its end: " + s.get("fds"));
        assertTrue(s.get("rssBytes").get("before").asLong() > 0 && s.get("threads").get("peak").asLong() > 0);
        assertTrue(h.get("heldRss").get("connections").asLong() >= 20, h.toString());
        assertTrue(text.contains("hostile clients (background groups and survival checks):"), text);
        assertTrue(text.contains("test/hostile: background idle: 20 opened"), text);
        String md = Files.readString(runDir.resolve("report.md"));
        assertTrue(md.contains("Survival checks"), md);
    }
}

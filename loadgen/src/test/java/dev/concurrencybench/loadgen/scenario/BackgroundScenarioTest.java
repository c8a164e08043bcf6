package dev.concurrencybench.loadgen.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files with {@code background} groups: parsed with their defaults, refused with one clear line. */
class BackgroundScenarioTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            {"description": "d", "requests": [{"path": "/plaintext"}], "background": [""";

    private Scenario parse(String groups) throws Exception {
        return ScenarioCatalog.parse(Files.writeString(dir.resolve("s.json"), HEAD + groups + "]}"));
    }

    private String error(String groups) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.json"), HEAD + groups + "]}");
        String m = assertThrows(ScenarioException.class, () -> ScenarioCatalog.parse(f)).getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test
    void everyKindParsesWithItsDefaults() throws Exception {
        Scenario s = parse("""
                {"kind": "slowloris", "connections": 100},
                {"kind": "slow-body", "connections": 10},
                {"kind": "slow-reader", "connections": 5},
                {"kind": "idle", "connections": 1000, "openPerSecond": 500},
                {"kind": "churn", "ratePerSecond": 50},
                {"kind": "flood", "ratePerSecond": 100, "connections": 200}""");
        assertTrue(s.hostile());
        List<BackgroundGroup> g = s.background();
        assertEquals(6, g.size());
        assertEquals(BackgroundGroup.Kind.SLOWLORIS, g.get(0).kindEnum());
        assertEquals("slowloris", g.get(0).name());
        assertEquals(1000, g.get(0).byteIntervalMillis());
        assertEquals("/plaintext", g.get(0).path());
        assertTrue(g.get(0).reconnect());
        assertEquals("/work", g.get(1).path());
        assertEquals(10_000, g.get(1).bodyBytes());
        assertEquals(2000, g.get(2).pipeline());
        assertEquals(16, g.get(2).readBytesPerSecond());
        assertEquals(4096, g.get(2).receiveBufferBytes());
        assertEquals(500, g.get(3).openPerSecond());
        assertFalse(g.get(3).reconnect(), "idle connections are not re-opened by default");
        assertEquals(64, g.get(4).connections());
        assertEquals("both", g.get(4).close());
        assertEquals(200, g.get(5).connections());
        assertEquals("flood 100/s, up to 200 open", g.get(5).describe());
    }

    @Test
    void aScenarioWithoutBackgroundHasNone() throws Exception {
        Scenario s = ScenarioCatalog.parse(Files.writeString(dir.resolve("p.json"),
                "{\"description\": \"d\", \"requests\": [{\"path\": \"/plaintext\"}]}"));
        assertFalse(s.hostile());
        assertTrue(s.background().isEmpty());
    }

    @Test
    void badGroupsAreOneLineNamingTheGroupAndTheField() throws Exception {
        assertTrue(error("{\"connections\": 5}").contains("background[0]: needs a 'kind'"));
        String unknown = error("{\"kind\": \"teardrop\", \"connections\": 5}");
        assertTrue(unknown.contains("background[0]: unknown kind 'teardrop'") && unknown.contains("slowloris"), unknown);
        assertTrue(error("{\"kind\": \"slowloris\"}").contains("background[0] (slowloris): needs 'connections'"));
        assertTrue(error("{\"kind\": \"idle\", \"connections\": 0}").contains("'connections' must be 1..20000, was 0"));
        assertTrue(error("{\"kind\": \"flood\", \"connections\": 5}").contains("needs 'ratePerSecond'"));
        assertTrue(error("{\"kind\": \"churn\", \"ratePerSecond\": 1e6}").contains("'ratePerSecond' must be > 0 and <= 10000"));
        String na = error("{\"kind\": \"slowloris\", \"connections\": 5, \"pipeline\": 3}");
        assertTrue(na.contains("'pipeline' does not apply to this kind"), na);
        assertTrue(error("{\"kind\": \"idle\", \"connections\": 5}, {\"kind\": \"idle\", \"connections\": 5}")
                .contains("background[1]: duplicate group name 'idle'"));
        assertTrue(error("{\"kind\": \"churn\", \"ratePerSecond\": 5, \"close\": \"slam\"}")
                .contains("'close' must be fin, reset or both"));
        assertTrue(error("{\"kind\": \"slowloris\", \"connections\": 5, \"byteIntervalMillis\": 1}")
                .contains("'byteIntervalMillis' must be 10..60000"));
        assertTrue(error("{\"kind\": \"idle\", \"connections\": 15000}, {\"kind\": \"flood\", \"name\": \"f\", "
                + "\"connections\": 15000, \"ratePerSecond\": 10}").contains("hold 30000 connections together"));
        String field = error("{\"kind\": \"idle\", \"connection\": 5}");
        assertTrue(field.contains("unknown field 'background[0].connection'"), field);
    }

    @Test
    void backgroundNeedsPlainKeepAliveScenarios() throws Exception {
        Path f = Files.writeString(dir.resolve("t.json"), """
                {"description": "d", "tls": true, "requests": [{"path": "/plaintext"}],
                 "background": [{"kind": "idle", "connections": 5}]}""");
        String m = assertThrows(ScenarioException.class, () -> ScenarioCatalog.parse(f)).getMessage();
        assertTrue(m.contains("plain HTTP on keep-alive scenarios only"), m);
    }

    @Test
    void theShippedHostileScenariosParseAndFitTheirBounds() throws Exception {
        ScenarioCatalog c = ScenarioCatalog.load(Path.of("..", "scenarios"));
        for (String name : List.of("slowloris", "slow-reader", "idle-10k", "churn", "accept-flood")) {
            Scenario s = c.get(name);
            assertEquals(1, s.background().size(), name);
            assertEquals(1000, s.rate(), name + ": a normal load of 1000 req/s");
            assertEquals("/plaintext", s.requests().get(0).path());
            assertFalse(s.description().contains("\n"));
        }
        assertEquals(BackgroundGroup.Kind.SLOWLORIS, c.get("slowloris").background().get(0).kindEnum());
        assertEquals(BackgroundGroup.Kind.SLOW_READER, c.get("slow-reader").background().get(0).kindEnum());
        assertEquals(10_000, c.get("idle-10k").background().get(0).connections());
        assertEquals(BackgroundGroup.Kind.CHURN, c.get("churn").background().get(0).kindEnum());
        assertEquals(BackgroundGroup.Kind.FLOOD, c.get("accept-flood").background().get(0).kindEnum());
    }
}

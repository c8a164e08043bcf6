package dev.concurrencybench.loadgen.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.scenario.ScenarioCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped scenarios become Gatling plans with the precise driver's methods, bodies and checks. */
class GatlingPlanTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void mixedScenarioKeepsClassesWeightsBodiesAndChecks(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioCatalog.load(Path.of("..", "scenarios")).get("work-mixed-blocking");
        GatlingPlan plan = GatlingPlan.of(s, "127.0.0.1", 8080, false, 1000, 10 * SECOND, 15 * SECOND);
        assertEquals("http://127.0.0.1:8080", plan.baseUrl());
        assertEquals(10_000, plan.warmupMillis());
        assertEquals(15_000, plan.durationMillis());
        assertFalse(plan.connectionPerRequest());
        GatlingPlan.Request cheap = plan.requests().get(0);
        GatlingPlan.Request blocking = plan.requests().get(1);
        assertEquals("cheap", cheap.name());
        assertEquals(99.0, cheap.weight());
        assertEquals("blocking", blocking.name());
        assertEquals(1.0, blocking.weight());
        assertEquals("POST", cheap.method());
        assertEquals("/work", cheap.path());
        assertTrue(blocking.body().contains("\"blockMicros\":5000"), blocking.body());
        assertEquals("\"digest\"", cheap.expectContains());
        assertNull(cheap.expectBody());
        assertEquals(200, cheap.expectStatus());
        // the Gatling JVM reads the plan back from its file
        plan.write(dir.resolve("plan.json"));
        assertEquals(plan, GatlingPlan.read(dir.resolve("plan.json")));
    }

    @Test
    void handshakeScenarioOpensAConnectionPerUserOverTls() throws Exception {
        Scenario s = ScenarioCatalog.load(Path.of("..", "scenarios")).get("handshake");
        GatlingPlan plan = GatlingPlan.of(s, "127.0.0.1", 8443, s.tls(), s.rate(), SECOND, SECOND);
        assertEquals("https://127.0.0.1:8443", plan.baseUrl());
        assertTrue(plan.connectionPerRequest());
        assertEquals("GET", plan.requests().get(0).method());
        assertEquals("Hello, World!", plan.requests().get(0).expectBody());
        assertNull(plan.requests().get(0).body());
    }
}

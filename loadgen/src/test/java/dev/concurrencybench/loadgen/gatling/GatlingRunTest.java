package dev.concurrencybench.loadgen.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.scenario.RequestSpec;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Gatling runs (child JVM, real sockets) against the test server. Short and slow-rate: a cold Gatling JVM
 * takes several seconds to start. The fixed-delay check is the accuracy requirement (P50 within Gatling's
 * 1 ms of the delay); like the precise driver's accuracy test it needs a machine that is not overloaded.
 */
class GatlingRunTest {

    private static final long SECOND = 1_000_000_000L;

    private static GatlingRunner runner() {
        return new GatlingRunner(List.of(), 1, new PrintStream(new ByteArrayOutputStream()));
    }

    private static Scenario scenario(List<RequestSpec> requests) {
        return new Scenario("t", "test", 100, 4, 1, false, false, false, requests);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void fixedDelayP50InHlogIsWithinOneMillisecondOfTheDelay(@TempDir Path dir) throws Exception {
        long delayMicros = 5_000;
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(delayMicros * 1000))) {
            Scenario s = scenario(List.of(new RequestSpec("plaintext", null, null, "/plaintext", null, null, null, null, null)));
            // 200 users/s for 3 s of warm-up: a few hundred requests get Gatling's response path out of the
            // interpreter, which otherwise adds a millisecond or two of its own to every sample
            GatlingPlan plan = GatlingPlan.of(s, "127.0.0.1", server.port(), false, 200, 3 * SECOND, 2 * SECOND);
            GatlingRun run = runner().run(plan, dir.resolve("gatling"), "fixed-delay");
            if (System.getenv("KEEP") != null) copy(dir, Path.of(System.getenv("KEEP")));
            assertTrue(Files.isRegularFile(dir.resolve("gatling/index.html")), "Gatling's HTML report");
            assertTrue(Files.isRegularFile(dir.resolve("gatling/simulation.log")));
            Histogram all = readAll(dir.resolve("gatling/latency.hlog"), "all");
            assertEquals(run.latency().ok(), all.getTotalCount());
            assertTrue(all.getTotalCount() >= 200, "about 400 measured requests, was " + all.getTotalCount());
            // whole-ms samples of a 5 ms delay are 5 or 6 ms; HdrHistogram reports a bucket's highest equivalent value
            long p50 = all.getValueAtPercentile(50);
            assertTrue(all.valuesAreEquivalent(p50, 5000) || all.valuesAreEquivalent(p50, 6000),
                    "P50 " + p50 + " µs within 1 ms of the " + delayMicros + " µs delay");
            assertTrue(all.getMinValue() >= 5000 - 8, "no response faster than the delay: " + all.getMinValue());
            assertEquals(0, run.latency().ko());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void mixRecordsEachClassUnderItsOwnTagAndCountsKoApart(@TempDir Path dir) throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0))) {
            Scenario s = scenario(List.of(
                    new RequestSpec("text", 3.0, null, "/plaintext", null, null, null, null, null),
                    new RequestSpec("json", 1.0, null, "/json", null, null, null, null, null),
                    new RequestSpec("wrong", 1.0, null, "/plaintext", null, null, 201, null, null)));
            GatlingPlan plan = GatlingPlan.of(s, "127.0.0.1", server.port(), false, 40, SECOND, 2 * SECOND);
            GatlingRun run = runner().run(plan, dir.resolve("gatling"), "mix");
            if (System.getenv("KEEP") != null) copy(dir, Path.of(System.getenv("KEEP")));
            Path hlog = dir.resolve("gatling/latency.hlog");
            // the classes of the window, counted straight from Gatling's log
            Map<String, Long> expected = new TreeMap<>();
            long from = run.latency().fromEpochMillis();
            SimulationLogReader.read(dir.resolve("gatling/simulation.log"), new SimulationLogReader.Listener() {
                @Override
                public void request(SimulationLogReader.Request r) {
                    long at = r.startEpochMillis() - from;
                    if (at >= 0 && at < 2000) expected.merge(r.name() + (r.ok() ? "" : ".ko"), 1L, Long::sum);
                }
            });
            assertTrue(expected.getOrDefault("text", 0L) > 0 && expected.getOrDefault("json", 0L) > 0
                    && expected.getOrDefault("wrong.ko", 0L) > 0, "all three classes drawn: " + expected);
            assertEquals(expected.get("text"), readAll(hlog, "text").getTotalCount());
            assertEquals(expected.get("json"), readAll(hlog, "json").getTotalCount());
            assertEquals(0, readAll(hlog, "wrong").getTotalCount(), "KO requests stay out of the histograms");
            assertEquals(expected.get("text") + expected.get("json"), readAll(hlog, "all").getTotalCount());
            assertEquals(expected.get("wrong.ko"), run.latency().counts().statusErrors());
            assertEquals(expected.get("wrong.ko"), run.latency().ko());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void serverStallShowsInGatlingsHistogram(@TempDir Path dir) throws Exception {
        // the stall starts 2 s after the first request: inside the measurement (warm-up 1 s, then 3 s)
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.stallOnce(2 * SECOND, 400_000_000L))) {
            Scenario s = scenario(List.of(new RequestSpec("plaintext", null, null, "/plaintext", null, null, null, null, null)));
            GatlingPlan plan = GatlingPlan.of(s, "127.0.0.1", server.port(), false, 50, SECOND, 3 * SECOND);
            GatlingRun run = runner().run(plan, dir.resolve("gatling"), "stall");
            Histogram all = readAll(dir.resolve("gatling/latency.hlog"), "all");
            // requests in flight when the stall began waited almost all of its 400 ms
            assertTrue(all.getMaxValue() >= 300_000, "the stall is in the histogram: max " + all.getMaxValue() + " µs");
            long stalled = all.getCountBetweenValues(100_000, 60_000_000);
            assertTrue(stalled >= 5, "several requests caught in the stall (50 req/s over 400 ms): " + stalled);
            assertTrue(all.getValueAtPercentile(50) < 100_000, "most requests were not stalled");
            assertEquals(0, run.latency().ko());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void targetThatRefusesConnectionsFailsWithOneLineAndNoSummary(@TempDir Path dir) throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Scenario s = scenario(List.of(new RequestSpec("plaintext", null, null, "/plaintext", null, null, null, null, null)));
        GatlingPlan plan = GatlingPlan.of(s, "127.0.0.1", closed, false, 20, 0, SECOND); // no warm-up: one population
        GatlingException e = org.junit.jupiter.api.Assertions.assertThrows(GatlingException.class,
                () -> runner().run(plan, dir.resolve("gatling"), "refused"));
        assertTrue(e.getMessage().startsWith("target refused connections: all "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("gatling/summary.json")));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void simulationThatCannotStartFailsWithItsCause(@TempDir Path dir) throws Exception {
        GatlingPlan bad = new GatlingPlan("http://127.0.0.1:notaport", 10, 0, 1000, false, false, 1000,
                List.of(new GatlingPlan.Request("x", 1, "GET", "/plaintext", null, 200, null, null)), null);
        GatlingException e = org.junit.jupiter.api.Assertions.assertThrows(GatlingException.class,
                () -> runner().run(bad, dir.resolve("gatling"), "bad"));
        assertTrue(e.getMessage().startsWith("Gatling exited with code 1 (the simulation did not start"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("gatling/summary.json")));
    }

    @Test
    void pipelinedScenarioIsRefusedNotApproximated() {
        Scenario piped = new Scenario("piped", "test", 100, 4, 4, false, false, false,
                List.of(new RequestSpec("plaintext", null, null, "/plaintext", null, null, null, null, null)));
        assertTrue(GatlingPlan.unsupportedReason(piped).contains("cannot pipeline"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GatlingPlan.of(piped, "127.0.0.1", 1, false, 10, SECOND, SECOND));
    }

    /**
     * With {@code KEEP=<dir>} in the environment a run's folder is kept there: how the golden log of
     * {@link SimulationLogReaderTest} was made (from the mix test), and how to look at a failing run.
     */
    static void copy(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t); else Files.copy(f, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static Histogram readAll(Path hlog, String tag) throws Exception {
        Histogram sum = new Histogram(1, 60_000_000, 3);
        HistogramLogReader r = new HistogramLogReader(hlog.toFile());
        while (r.hasNext()) {
            Histogram h = (Histogram) r.nextIntervalHistogram();
            if (h == null) break;
            if (tag.equals(h.getTag())) sum.add(h);
        }
        return sum;
    }
}

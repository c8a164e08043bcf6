package dev.concurrencybench.loadgen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.loadgen.output.DriverSummary;
import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.DriverHealth;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    @TempDir
    Path dir;

    private static Histogram histogram(long fromMicros, long toMicros) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        for (long v = fromMicros; v <= toMicros; v++) {
            h.recordValue(v);
        }
        return h;
    }

    private static DriverResult result(double rate, long completed, Histogram lag, long timeouts) {
        Target t = Target.parse("http://127.0.0.1:1/plaintext");
        DriverConfig c = DriverConfig.openLoop(t, List.of(RequestTemplate.http("plaintext", 1, "GET", "h", "/plaintext",
                null, 200, "Hello, World!", null)), rate, 4, 0, 10_000_000_000L);
        Histogram corrected = histogram(1, 10_000);
        return new DriverResult(c, 0, 10_000_000_000L, corrected, histogram(1, 5_000), lag,
                Map.of("plaintext", corrected), new Counts(completed, 0, 0, timeouts, 0, 0, 0, 100), List.of());
    }

    @Test
    void summaryJsonHoldsPercentilesRateCountsAndServerMetrics() throws Exception {
        DriverResult r = result(1000, 10_000, histogram(1, 50), 0);
        ServerMetrics m = new ServerMetrics(2_000_000, 200.0, 300L << 20, 40, 5_000, 100, 0.51, 0, 0, 2, 3.5, 2.0);
        Summary s = DriverSummary.of("threadpool", "plaintext", r, m);
        Json.write(dir.resolve("summary.json"), s);
        JsonNode j = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals("threadpool", j.get("server").asText());
        assertEquals(1000.0, j.get("achievedRate").asDouble());
        JsonNode lat = j.get("latency");
        assertEquals(10_000, lat.get("count").asLong());
        assertEquals(5_000, lat.get("p50").asLong(), 5);
        assertEquals(9_000, lat.get("p90").asLong(), 9);
        assertEquals(9_900, lat.get("p99").asLong(), 10);
        assertEquals(9_990, lat.get("p999").asLong(), 10);
        assertEquals(9_999, lat.get("p9999").asLong(), 10);
        assertEquals(10_000, lat.get("max").asLong(), 10);
        assertEquals(200.0, j.get("serverMetrics").get("cpuMicrosPerRequest").asDouble());
        assertEquals(0.51, j.get("serverMetrics").get("contextSwitchesPerRequest").asDouble());
        assertEquals(300L << 20, j.get("serverMetrics").get("peakRssBytes").asLong());
        assertTrue(j.get("valid").asBoolean());
        assertEquals(0, j.get("invalidReasons").size());
        assertEquals(0, j.get("errors").asLong());
    }

    @Test
    void shortRateIsInvalidWithAReason() {
        Summary s = DriverSummary.of("x", "y", result(1000, 9_800, histogram(1, 50), 0), null);
        assertFalse(s.valid());
        assertTrue(s.invalidReasons().get(0).contains("under the target"), s.invalidReasons().toString());
    }

    @Test
    void largeGeneratorLagIsInvalid() {
        Summary s = DriverSummary.of("x", "y", result(1000, 10_000, histogram(1, 5_000), 0), null);
        assertFalse(s.valid());
        assertTrue(s.invalidReasons().stream().anyMatch(m -> m.contains("generator lag")), s.invalidReasons().toString());
    }

    @Test
    void errorsAreCountedAndMakeTheRunInvalidAbovePointOnePercent() {
        Summary s = DriverSummary.of("x", "y", result(1000, 10_000, histogram(1, 50), 20), null);
        assertEquals(20, s.errors());
        assertFalse(s.valid());
        assertTrue(s.invalidReasons().stream().anyMatch(m -> m.contains("errors")));
    }

    private static final DriverHealth HEALTH = new DriverHealth("0", new DriverHealth.CpuTime(40, 10, 0), "1",
            new DriverHealth.CpuTime(0, 20, 30), 120, 0, 0, 2, 35, 12, 300);

    @Test
    void generatorLagReasonSaysWhatTheWindowsHealthShows() {
        Summary s = DriverSummary.of("x", "y", result(1000, 10_000, histogram(1, 5_000), 0), null, HEALTH);
        assertEquals(List.of("generator lag P99 4951 µs is more than a quarter of the latency P99 9903 µs (window: "
                + "steal 40 ms, irq 10 ms, other 0 ms on CPU 0; JIT 120 ms; 0 GC pauses; 12 preemptions)"),
                s.invalidReasons());
        assertEquals(HEALTH, s.driverHealth());
    }

    @Test
    void gcPausesShowTheirLength() {
        DriverHealth h = new DriverHealth("0-1", new DriverHealth.CpuTime(0, 0, 10), null, null, 0, 1, 3, 0, 0, 1, 0);
        assertEquals("steal 0 ms, irq 0 ms, other 10 ms on CPU 0-1; JIT 0 ms; 1 GC pause (3 ms); 1 preemption",
                h.describe());
    }

    @Test
    void summaryJsonRoundTripsWithDriverHealth() throws Exception {
        Summary s = DriverSummary.of("x", "y", result(1000, 10_000, histogram(1, 50), 0), null, HEALTH);
        Json.write(dir.resolve("summary.json"), s);
        JsonNode j = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertEquals(40, j.get("driverHealth").get("loadgen").get("stealMillis").asLong());
        assertEquals(120, j.get("driverHealth").get("jitMillis").asLong());
        assertEquals(s, Json.MAPPER.readValue(dir.resolve("summary.json").toFile(), Summary.class));
    }

    @Test
    void summaryJsonWithoutDriverHealthOmitsItAndOldFilesStayReadable() throws Exception {
        Summary s = DriverSummary.of("x", "y", result(1000, 10_000, histogram(1, 50), 0), null);
        Json.write(dir.resolve("summary.json"), s);
        JsonNode j = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertFalse(j.has("driverHealth"));
        Summary read = Json.MAPPER.readValue(dir.resolve("summary.json").toFile(), Summary.class);
        assertNull(read.driverHealth());
        assertEquals(s, read);
    }
}

package dev.concurrencybench.loadgen.gatling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against a golden {@code simulation.log} written by the pinned Gatling: {@link GatlingRunTest}'s mix
 * (40 users/s, warm-up 1 s then 2 s; classes text 3 : json 1 : wrong 1, "wrong" expecting status 201 from a server
 * that answers 200). The expected figures are Gatling's own, from its console summary of that run: 120 requests,
 * 91 OK, 29 KO, all KO with {@code status.find.is(201), found 200}, OK max 324 ms, KO max 223 ms, min 1 ms
 * (a cold Gatling JVM on a busy 2-core machine: the slow ones are in the warm-up).
 */
class SimulationLogReaderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/gatling/mix-3.14.9-simulation.log");

    @Test
    void readerImplementsTheFormatOfTheGatlingOnTheClassPath() {
        assertEquals(ResourceBundle.getBundle("gatling-version").getString("version"), SimulationLogReader.FORMAT_VERSION,
                "Gatling was bumped: check LogFileDataWriter's format, then regenerate the golden log");
    }

    @Test
    void goldenLogMatchesGatlingsOwnSummary() throws Exception {
        List<SimulationLogReader.Request> requests = new ArrayList<>();
        int[] users = new int[2];
        SimulationLogReader.Header h = SimulationLogReader.read(GOLDEN, new SimulationLogReader.Listener() {
            @Override
            public void user(String scenario, boolean start, long epochMillis) {
                assertTrue(scenario.equals("warmup") || scenario.equals("measure"), scenario);
                users[start ? 0 : 1]++;
            }

            @Override
            public void request(SimulationLogReader.Request r) {
                requests.add(r);
            }
        });
        assertEquals("3.14.9", h.gatlingVersion());
        assertEquals(BenchSimulation.class.getName(), h.simulationClass());
        assertEquals("mix", h.description());
        assertEquals(List.of("warmup", "measure"), h.scenarios());
        assertEquals(0, h.assertions());
        assertEquals(120, users[0]);
        assertEquals(120, users[1]);
        assertEquals(120, requests.size());
        List<SimulationLogReader.Request> ok = requests.stream().filter(SimulationLogReader.Request::ok).toList();
        List<SimulationLogReader.Request> ko = requests.stream().filter(r -> !r.ok()).toList();
        assertEquals(91, ok.size());
        assertEquals(29, ko.size());
        assertTrue(ko.stream().allMatch(r -> r.name().equals("wrong") && r.message().equals("status.find.is(201), found 200")));
        assertTrue(ok.stream().allMatch(r -> r.message().isEmpty() && !r.name().equals("wrong")));
        assertEquals(324, ok.stream().mapToLong(SimulationLogReader.Request::millis).max().orElseThrow());
        assertEquals(223, ko.stream().mapToLong(SimulationLogReader.Request::millis).max().orElseThrow());
        assertEquals(1, requests.stream().mapToLong(SimulationLogReader.Request::millis).min().orElseThrow());
        assertTrue(requests.stream().allMatch(r -> r.startEpochMillis() >= h.runStartEpochMillis()));
    }

    @Test
    void goldenLogWindowExcludesTheWarmUpByStartTime(@TempDir Path dir) throws Exception {
        GatlingLatency l = GatlingLatency.read(GOLDEN, 2000);
        TreeMap<String, Long> byClass = new TreeMap<>();
        l.byClass().forEach((k, v) -> byClass.put(k, v.getTotalCount()));
        // 40 users/s: 40 in the warm-up second, 80 in the two measured seconds
        assertEquals(40, l.warmupRequests());
        assertEquals(80, l.ok() + l.ko());
        assertEquals(l.ok(), l.all().getTotalCount());
        assertEquals(l.ok(), byClass.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(l.ko(), l.counts().statusErrors());
        l.write(dir);
        assertTrue(Files.readString(dir.resolve("latency.hlog")).contains("Tag=all,"));
        assertTrue(Files.size(dir.resolve("latency.hgrm")) > 0);
    }

    @Test
    void gatlingMissingFromTheClassPathIsSaidInOneLine() throws Exception {
        // the suite's own classes without Gatling's jars: what a broken installation looks like
        java.net.URL classes = GatlingRunner.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader without = new java.net.URLClassLoader(new java.net.URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> runner = Class.forName(GatlingRunner.class.getName(), true, without);
            String reason = (String) runner.getMethod("missingReason").invoke(null);
            assertTrue(reason.startsWith("Gatling is not on the class path"), reason);
        }
        assertEquals(null, GatlingRunner.missingReason(), "Gatling is on the test class path");
    }

    @Test
    void truncatedLogIsRefused(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(GOLDEN);
        Path cut = dir.resolve("simulation.log");
        Files.write(cut, Arrays.copyOf(all, all.length - 3));
        SimulationLogException e = assertThrows(SimulationLogException.class,
                () -> SimulationLogReader.read(cut, new SimulationLogReader.Listener() { }));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void logOfAnotherVersionIsRefused(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(GOLDEN);
        // the version string is the first string of the run record: "3.14.9" -> "3.14.8"
        String s = new String(all, StandardCharsets.ISO_8859_1).replaceFirst("3\\.14\\.9", "3.14.8");
        Path other = dir.resolve("simulation.log");
        Files.write(other, s.getBytes(StandardCharsets.ISO_8859_1));
        SimulationLogException e = assertThrows(SimulationLogException.class,
                () -> SimulationLogReader.read(other, new SimulationLogReader.Listener() { }));
        assertTrue(e.getMessage().contains("3.14.8"), e.getMessage());
    }

    @Test
    void fileThatIsNotALogIsRefused(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("simulation.log");
        Files.writeString(text, "RUN\tsimulation\t...");
        assertThrows(SimulationLogException.class, () -> SimulationLogReader.read(text, new SimulationLogReader.Listener() { }));
    }
}

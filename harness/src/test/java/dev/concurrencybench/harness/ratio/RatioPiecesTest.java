package dev.concurrencybench.harness.ratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@code bench ratio} that need no server and no clock: settings validation, wrk's report, the median
 * and ratio maths, interpolation of CPU samples, and the Markdown and JSON rendering (nginx's configuration:
 * {@code NginxConfigTest}).
 */
class RatioPiecesTest {

    private static RatioSettings settings(boolean tls) {
        return new RatioSettings(List.of("eventloop", "reactive"), 1, 3, 10, 5, 20_000, 5, 64, tls, false, false);
    }

    @Test
    void settingsRefuseBadValuesWithTheFlagNamed() {
        assertEquals("--rounds must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("reactive"), 1, 0, 10, 5, 20_000, 5, 64, true, false, false)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("reactive"), 1, 3, 0, 5, 20_000, 5, 64, true, false, false)).getMessage()
                .startsWith("--duration must be at least 1s"));
        assertEquals("--rate must be > 0 requests/s", assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("reactive"), 1, 3, 10, 5, 0, 5, 64, true, false, false)).getMessage());
        assertEquals("--connections must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("reactive"), 1, 3, 10, 5, 20_000, 5, 0, true, false, false)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("nginx"), 1, 3, 10, 5, 20_000, 5, 64, true, false, false)).getMessage()
                .contains("nginx is always measured"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RatioSettings.wholeSeconds("--duration", 1_500_000_000L)).getMessage().contains("whole seconds"));
        assertEquals(10, RatioSettings.wholeSeconds("--duration", 10_000_000_000L));
    }

    @Test
    void settingsListEndpointsAndContendersInOrder() {
        assertEquals(List.of(Endpoint.PLAINTEXT, Endpoint.JSON, Endpoint.JSON_TLS), settings(true).endpoints());
        assertEquals(List.of(Endpoint.PLAINTEXT, Endpoint.JSON), settings(false).endpoints());
        assertEquals(List.of("nginx", "eventloop", "reactive"), settings(true).contenders());
        // 3 servers x 3 endpoints x (5 s warm-up + 3 rounds x (10 + 1 + 5 + 1) s)
        assertEquals(3 * 3 * (5 + 3 * 17), settings(true).estimatedSeconds());
    }

    @Test
    void forksMultiplyTheRoundsAndTheTimeAndAreBounded() {
        RatioSettings three = new RatioSettings(List.of("eventloop", "reactive"), 3, 2, 10, 5, 20_000, 5, 64, true, false, false);
        assertEquals(6, three.totalRounds());
        assertEquals(3 * 3 * (5 + 2 * 17) * 3, three.estimatedSeconds(), "each fork warms up again");
        assertEquals(3, three.json().get("forks"));
        assertTrue(RatioReport.markdown(sample(), three, List.of()).contains("median of 6 interleaved round(s) (3 forks of 2"));
        assertEquals("--forks must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("reactive"), 0, 3, 10, 5, 20_000, 5, 64, true, false, false)).getMessage());
        assertEquals("--forks must be <= 20", assertThrows(IllegalArgumentException.class,
                () -> new RatioSettings(List.of("reactive"), 21, 3, 10, 5, 20_000, 5, 64, true, false, false)).getMessage());
    }

    @Test
    void eachPeerIsMeasuredRightAfterItsModelAndItsTimedTwin() {
        RatioSettings withPeers = new RatioSettings(List.of("eventloop", "reactive"), 1, 3, 10, 5, 20_000, 5, 64, false, true, true);
        assertEquals(List.of("nginx", "eventloop", "eventloop+timing", "netty", "reactive", "reactive+timing", "reactor-netty"),
                withPeers.contenders());
        assertEquals("netty", withPeers.peerOf("eventloop").id());
        assertEquals(null, settings(false).peerOf("eventloop"), "--no-peers");
        assertEquals(List.of("netty", "reactor-netty"), withPeers.json().get("peers"));
    }

    @Test
    void eachGroupRunsInReverseOrderEveryOtherRoundSoNeitherSideOfAPairIsAlwaysSecond() {
        List<List<String>> groups = List.of(List.of("nginx"), List.of("virtual", "virtual+timing", "helidon"),
                List.of("reactive", "reactor-netty"));
        assertEquals(List.of("nginx", "virtual", "virtual+timing", "helidon", "reactive", "reactor-netty"),
                RatioRun.roundOrder(groups, 1));
        assertEquals(List.of("nginx", "helidon", "virtual+timing", "virtual", "reactor-netty", "reactive"),
                RatioRun.roundOrder(groups, 2));
        assertEquals(RatioRun.roundOrder(groups, 1), RatioRun.roundOrder(groups, 3));
    }

    @Test
    void thePeerTableIsTheModelsMedianOverThePeers() {
        RatioSettings withPeers = new RatioSettings(List.of("reactive"), 1, 3, 10, 5, 20_000, 5, 64, false, false, true);
        RatioResults r = sample();
        for (double rps : new double[] {100_000, 90_000, 95_000}) {
            r.add(Endpoint.PLAINTEXT, "reactor-netty", new RatioResults.Round(rps, 0, 7.5, 20_000, 0));
        }
        assertEquals(85_000.0 / 95_000, r.versusPeer(Endpoint.PLAINTEXT, "reactive", "reactor-netty", false), 1e-12);
        assertEquals(9.0 / 7.5, r.versusPeer(Endpoint.PLAINTEXT, "reactive", "reactor-netty", true), 1e-12);
        assertTrue(Double.isNaN(r.versusPeer(Endpoint.JSON, "reactive", "reactor-netty", false)), "the peer was not measured");
        String md = RatioReport.markdown(r, withPeers, List.of());
        assertTrue(md.contains("## Each model beside its production peer"), md);
        assertTrue(md.contains("| reactive | reactor-netty | 0.89× | - | 1.20× | - |"), md);
        assertFalse(RatioReport.markdown(r, settings(false), List.of()).contains("production peer"), "only with peers");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) ((List<?>) RatioReport.json(r, withPeers).get("peers")).get(0);
        assertEquals("reactor-netty", p.get("peer"));
        assertEquals(0.895, p.get("requestsPerSecondModelOverPeer"));
        assertEquals(1.2, p.get("cpuMicrosPerRequestModelOverPeer"));
    }

    @Test
    void pemIsBase64InLinesOf64BetweenLabels() {
        byte[] der = new byte[100];
        for (int i = 0; i < der.length; i++) der[i] = (byte) i;
        String pem = ServerKeys.pem("CERTIFICATE", der);
        List<String> lines = pem.lines().toList();
        assertEquals("-----BEGIN CERTIFICATE-----", lines.get(0));
        assertEquals("-----END CERTIFICATE-----", lines.get(lines.size() - 1));
        assertEquals(64, lines.get(1).length());
        assertEquals(java.util.Base64.getEncoder().encodeToString(der), String.join("", lines.subList(1, lines.size() - 1)));
    }

    @Test
    void wrkReportIsParsedWithItsErrors() throws IOException {
        String report = """
                Running 10s test @ http://127.0.0.1:8080/plaintext
                  1 threads and 64 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency   512.00us  100.00us   5.00ms   90.00%
                    Req/Sec   120.00k     2.00k  125.00k    70.00%
                  1201234 requests in 10.00s, 150.00MB read
                  Socket errors: connect 0, read 2, write 1, timeout 3
                  Non-2xx or 3xx responses: 4
                Requests/sec: 120123.45
                Transfer/sec:     15.00MB
                """;
        Wrk.Result r = Wrk.parse(report);
        assertEquals(120123.45, r.requestsPerSecond(), 1e-9);
        assertEquals(1201234, r.requests());
        assertEquals(10, r.errors());
        assertEquals("read 2, write 1, timeout 3, non-2xx 4", r.errorKinds());
        assertEquals(0, Wrk.parse("  5 requests in 1.00s, 1KB read\nRequests/sec: 5.00\n").errors());
        assertEquals("", Wrk.parse("  5 requests in 1.00s, 1KB read\nRequests/sec: 5.00\n").errorKinds());
        assertTrue(assertThrows(IOException.class, () -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .getMessage().contains("unable to connect"));
        assertEquals(List.of("taskset", "-c", "0", "wrk", "-t1", "-c64", "-d10s", "https://127.0.0.1:1/json"),
                new Wrk("0").command("https://127.0.0.1:1/json", 64, 10));
        assertEquals(List.of("wrk", "-t1", "-c8", "-d1s", "http://x/"), new Wrk(null).command("http://x/", 8, 1));
    }

    @Test
    void medianIgnoresMissingValuesAndAveragesTheMiddlePair() {
        assertEquals(2.0, RatioResults.median(new double[] {3, 1, 2}));
        assertEquals(2.5, RatioResults.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, RatioResults.median(new double[] {Double.NaN, 3, Double.NaN}));
        assertTrue(Double.isNaN(RatioResults.median(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(RatioResults.median(new double[0])));
        assertEquals(0.5, RatioResults.ratio(1, 2));
        assertTrue(Double.isNaN(RatioResults.ratio(1, 0)));
        assertTrue(Double.isNaN(RatioResults.ratio(Double.NaN, 2)));
    }

    @Test
    void ratiosAreMediansOverNginxsMedian() {
        RatioResults r = sample();
        assertEquals(100_000, r.medianRequestsPerSecond(Endpoint.PLAINTEXT, "nginx"));
        assertEquals(85_000, r.medianRequestsPerSecond(Endpoint.PLAINTEXT, "reactive"));
        assertEquals(0.85, r.throughputRatio(Endpoint.PLAINTEXT, "reactive"), 1e-12);
        assertEquals(1.0, r.throughputRatio(Endpoint.PLAINTEXT, "nginx"), 1e-12);
        assertEquals(9.0, r.medianCpuMicrosPerRequest(Endpoint.PLAINTEXT, "reactive"));
        assertEquals(9.0 / 7.0, r.cpuRatio(Endpoint.PLAINTEXT, "reactive"), 1e-12);
        assertTrue(Double.isNaN(r.throughputRatio(Endpoint.JSON, "reactive")), "no nginx figure on /json");
    }

    @Test
    void stageTimingCostPairsEachRoundWithTheTimedTwinAndShowsInBothReports() {
        RatioSettings settings = new RatioSettings(List.of("reactive"), 1, 3, 10, 5, 20_000, 5, 64, false, true, false);
        assertEquals(List.of("nginx", "reactive", "reactive+timing"), settings.contenders());
        RatioResults r = sample();
        r.add(Endpoint.PLAINTEXT, "reactive+timing", new RatioResults.Round(78_400, 0, 9.69, 20_000, 0));
        r.add(Endpoint.PLAINTEXT, "reactive+timing", new RatioResults.Round(Double.NaN, 0, 9.0, 20_000, 0));
        r.add(Endpoint.PLAINTEXT, "reactive+timing", new RatioResults.Round(89_100, 0, 8.4, 20_000, 0));
        double[] rps = r.stageTimingChanges(Endpoint.PLAINTEXT, "reactive", false);
        assertEquals(-0.02, rps[0], 1e-9);
        assertTrue(Double.isNaN(rps[1]), "a round missing one side is no pair");
        assertEquals(-0.01, rps[2], 1e-9);
        assertEquals(-0.015, RatioResults.median(rps), 1e-9);
        assertEquals(0.02, r.stageTimingChanges(Endpoint.PLAINTEXT, "reactive", true)[0], 1e-9);
        assertEquals(0, r.stageTimingChanges(Endpoint.JSON, "reactive", false).length, "no twin on /json");

        String md = RatioReport.markdown(r, settings, List.of());
        assertTrue(md.contains("## Stage-timing cost"), md);
        assertTrue(md.contains("| reactive | /plaintext | -2.0 %, -, -1.0 % | -1.5 % | +2.0 %, +0.0 %, +5.0 % | +2.0 % |"), md);
        assertFalse(RatioReport.markdown(r, settings(false), List.of()).contains("Stage-timing cost"),
                "only when asked for");
        @SuppressWarnings("unchecked")
        Map<String, Object> cost = (Map<String, Object>) ((List<?>) RatioReport.json(r, settings).get("stageTimingCost")).get(0);
        assertEquals(-0.015, cost.get("medianRequestsPerSecondChange"));
        assertEquals(java.util.Arrays.asList(-0.02, null, -0.01), cost.get("requestsPerSecondChange"));
    }

    @Test
    void aCpuFigureFromAnOverloadedOrFailingWindowIsLeftOut() {
        assertEquals(null, RatioRun.unusable(new RatioRun.CpuFigure(7.0, 19_990, 0, 100_000), 20_000));
        assertEquals(null, RatioRun.unusable(new RatioRun.CpuFigure(7.0, 19_990, 1_000, 100_000), 20_000));
        assertEquals("55135 failed requests", RatioRun.unusable(new RatioRun.CpuFigure(0, 1_622, 55_135, 4_866), 20_000));
        assertEquals("only 18,000 of 20,000 req/s reached",
                RatioRun.unusable(new RatioRun.CpuFigure(9.0, 18_000, 0, 90_000), 20_000));
    }

    @Test
    void cpuSamplesAreInterpolatedAndClampedAtTheEnds() {
        List<long[]> points = List.of(new long[] {0, 0}, new long[] {100, 1_000}, new long[] {200, 1_500});
        assertEquals(500.0, ProcessCpu.interpolate(points, 50));
        assertEquals(1_250.0, ProcessCpu.interpolate(points, 150));
        assertEquals(0.0, ProcessCpu.interpolate(points, -10));
        assertEquals(1_500.0, ProcessCpu.interpolate(points, 999));
        assertTrue(ProcessCpu.cpuMicros(ProcessHandle.current().pid()) > 0, "this JVM has used some CPU");
        assertEquals(0, ProcessCpu.cpuMicros(Long.MAX_VALUE / 2), "a process that does not exist");
    }

    @Test
    void markdownShowsEveryRoundMediansRatiosAndFailures() {
        String md = RatioReport.markdown(sample(), settings(false), List.of("Measured on a test."));
        assertTrue(md.startsWith("# Side by side with nginx"), md);
        assertTrue(md.contains("Measured on a test."), md);
        assertTrue(md.contains("| server | /plaintext req/s ×nginx | /json req/s ×nginx | /plaintext CPU µs/req (×nginx) |"
                + " /json CPU µs/req (×nginx) |"), md);
        assertTrue(md.contains("| nginx | 100,000 req/s | 50,000 req/s | 7.0 | - |"), md);
        assertTrue(md.contains("| reactive | 0.85× | - | 9.0 (1.29×) | - |"), md);
        assertTrue(md.contains("## /plaintext\n\n| server | round 1 req/s | round 2 req/s | round 3 req/s | median req/s |"
                + " ×nginx | round 1 CPU µs/req | round 2 CPU µs/req | round 3 CPU µs/req | median CPU µs/req | ×nginx |"), md);
        assertTrue(md.contains("| reactive | 80,000 | 85,000 (2 err) | 90,000 | 85,000 | 0.85× | 9.5 | 9.0 | 8.0 (at 15,000 req/s) | 9.0 | 1.29× |"), md);
        assertTrue(md.contains("| nginx | 50,000 | - |"), "a round not measured is a dash: " + md);
        assertTrue(md.contains("- json/nginx round 2: wrk: wrk exited with 1"), md);
        String header = md.lines().filter(l -> l.startsWith("| server | round 1")).findFirst().orElseThrow();
        String rule = md.lines().dropWhile(l -> !l.equals(header)).skip(1).findFirst().orElseThrow();
        assertEquals(header.chars().filter(c -> c == '|').count(), rule.chars().filter(c -> c == '|').count(), md);
    }

    @Test
    void jsonHasEveryRoundAndNullForWhatWasNotMeasured() {
        Map<String, Object> json = RatioReport.json(sample(), settings(false));
        assertEquals(1, json.get("schemaVersion"));
        @SuppressWarnings("unchecked")
        Map<String, Object> plaintext = (Map<String, Object>) ((List<?>) json.get("endpoints")).get(0);
        assertEquals("plaintext", plaintext.get("endpoint"));
        @SuppressWarnings("unchecked")
        Map<String, Object> reactive = (Map<String, Object>) ((List<?>) plaintext.get("servers")).get(1);
        assertEquals("reactive", reactive.get("server"));
        assertEquals(List.of(80_000.0, 85_000.0, 90_000.0), reactive.get("requestsPerSecond"));
        assertEquals(0.85, reactive.get("throughputRatioToNginx"));
        assertEquals(1.286, reactive.get("cpuRatioToNginx"));
        @SuppressWarnings("unchecked")
        Map<String, Object> json1 = (Map<String, Object>) ((List<?>) json.get("endpoints")).get(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> nginx = (Map<String, Object>) ((List<?>) json1.get("servers")).get(0);
        assertEquals(java.util.Arrays.asList(50_000.0, null), nginx.get("requestsPerSecond"));
    }

    private static RatioResults sample() {
        RatioResults r = new RatioResults();
        r.describe("nginx", "nginx 1.22.1 (1 worker)");
        for (double rps : new double[] {100_000, 99_000, 101_000}) {
            r.add(Endpoint.PLAINTEXT, "nginx", new RatioResults.Round(rps, 0, 7.0, 20_000, 0));
        }
        r.add(Endpoint.PLAINTEXT, "reactive", new RatioResults.Round(80_000, 0, 9.5, 20_000, 0));
        r.add(Endpoint.PLAINTEXT, "reactive", new RatioResults.Round(85_000, 2, 9.0, 20_000, 0));
        r.add(Endpoint.PLAINTEXT, "reactive", new RatioResults.Round(90_000, 0, 8.0, 15_000, 0));
        r.add(Endpoint.JSON, "nginx", new RatioResults.Round(50_000, 0, Double.NaN, Double.NaN, 0));
        r.add(Endpoint.JSON, "nginx", new RatioResults.Round(Double.NaN, 0, Double.NaN, Double.NaN, 0));
        r.fail("json/nginx round 2: wrk: wrk exited with 1");
        return r;
    }
}

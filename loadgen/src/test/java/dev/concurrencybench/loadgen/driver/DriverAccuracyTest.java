package dev.concurrencybench.loadgen.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two accuracy checks the driver must pass (the only timing assertions, with its tolerances):
 * against a fixed-delay server the median is the delay; against a server that stalls once, the corrected
 * histogram shows the stall and the uncorrected one does not.
 */
class DriverAccuracyTest {

    private static final long MS = 1_000_000L;

    private static DriverConfig config(int port, double rate, int connections, long warmupMs, long durationMs) {
        Target target = Target.parse("http://127.0.0.1:" + port + "/plaintext");
        RequestTemplate t = RequestTemplate.http("plaintext", 1, "GET", target.hostHeader(), "/plaintext", null,
                200, "Hello, World!", null);
        return DriverConfig.openLoop(target, List.of(t), rate, connections, warmupMs * MS, durationMs * MS);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void medianEqualsFixedDelay() throws Exception {
        long delayMicros = 2_000;
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(delayMicros * 1_000))) {
            DriverResult r = PreciseDriver.run(config(server.port(), 200, 4, 500, 2_000), null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            long p50 = r.corrected().getValueAtPercentile(50);
            double tolerance = delayMicros * 0.10 + 100;
            assertTrue(Math.abs(p50 - delayMicros) <= tolerance,
                    "P50 " + p50 + " µs, expected " + delayMicros + " ± " + tolerance + " µs");
            assertTrue(r.corrected().getTotalCount() > 350, "count " + r.corrected().getTotalCount());
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void stallShowsInCorrectedButNotInUncorrected() throws Exception {
        int connections = 32;
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.stallOnce(4_000 * MS, 1_000 * MS))) {
            DriverResult r = PreciseDriver.run(config(server.port(), 1_000, connections, 0, 10_000), null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            Histogram c = r.corrected();
            Histogram u = r.uncorrected();
            long total = c.getTotalCount();
            assertTrue(total >= 9_500, "only " + total + " responses of ~10000");
            // Requests intended during the stall wait between 0 and 1 s: about 10 % of a 10 s run. The backlog
            // drains at the server's spare capacity afterwards, which adds a few percent of requests delayed by
            // tens of ms, so the upper bound is loose; the half-second band below is the stall alone:
            // intended in its first 0.5 s, they wait 0.5..1 s, 5 % of all requests.
            double stalled = (double) c.getCountBetweenValues(20_000, 1_200_000) / total;
            assertTrue(stalled >= 0.08 && stalled <= 0.18, "corrected share in [20 ms, 1.2 s] was " + stalled);
            double firstHalf = (double) c.getCountBetweenValues(500_000, 1_200_000) / total;
            assertTrue(firstHalf >= 0.035 && firstHalf <= 0.065, "corrected share in [0.5 s, 1.2 s] was " + firstHalf);
            assertTrue(c.getMaxValue() >= 900_000 && c.getMaxValue() <= 1_500_000, "corrected max " + c.getMaxValue());
            // from the actual send, only the requests already in flight when the stall began see it
            long uncorrectedStalled = u.getCountBetweenValues(100_000, LatencyRecorders.HIGHEST_MICROS);
            assertTrue(uncorrectedStalled <= connections, uncorrectedStalled + " uncorrected values >= 100 ms");
            assertTrue(u.getValueAtPercentile(99) < 20_000, "uncorrected P99 " + u.getValueAtPercentile(99));
        }
    }
}

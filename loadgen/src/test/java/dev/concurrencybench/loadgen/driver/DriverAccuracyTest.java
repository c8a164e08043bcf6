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
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.stallOnce(5_000 * MS, 1_000 * MS))) {
            DriverResult r = PreciseDriver.run(config(server.port(), 1_000, connections, 1_000, 10_000), null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            Histogram c = r.corrected();
            Histogram u = r.uncorrected();
            long total = c.getTotalCount();
            assertTrue(total >= 9_500, "only " + total + " responses of ~10000");
            // Requests intended during the stall wait between 0 and 1 s: 10 % of a 10 s run at a constant rate.
            // Afterwards the backlog drains at the server's spare capacity, and a busy 2-core machine adds
            // hiccups of its own, so the share above 20 ms has a loose upper bound; the band above 300 ms is
            // the stall alone: requests intended in its first 0.7 s, 7 % of all.
            double stalled = (double) c.getCountBetweenValues(20_000, 1_200_000) / total;
            double deep = (double) c.getCountBetweenValues(300_000, 1_200_000) / total;
            System.out.printf("stall: share >= 20 ms %.4f, share >= 300 ms %.4f%n", stalled, deep);
            assertTrue(stalled >= 0.085 && stalled <= 0.20, "corrected share in [20 ms, 1.2 s] was " + stalled);
            assertTrue(deep >= 0.055 && deep <= 0.085, "corrected share in [0.3 s, 1.2 s] was " + deep);
            assertTrue(c.getMaxValue() >= 900_000 && c.getMaxValue() <= 1_500_000, "corrected max " + c.getMaxValue());
            // from the actual send, only the requests already in flight when the stall began see it
            long uncorrectedDeep = u.getCountBetweenValues(300_000, LatencyRecorders.HIGHEST_MICROS);
            assertTrue(uncorrectedDeep <= connections, uncorrectedDeep + " uncorrected values >= 300 ms");
            assertTrue(u.getValueAtPercentile(99) < 100_000, "uncorrected P99 " + u.getValueAtPercentile(99));
        }
    }
}

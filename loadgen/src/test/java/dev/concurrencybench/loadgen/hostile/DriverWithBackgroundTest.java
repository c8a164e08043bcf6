package dev.concurrencybench.loadgen.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.loadgen.output.DriverSummary;
import dev.concurrencybench.loadgen.output.Validity;
import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import dev.concurrencybench.report.results.Summary;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The precise driver starts a scenario's background clients before its own connections and stops them after its
 * measurement; a server that then serves nobody is a measured result ("0 req/s served"), not an exception.
 */
class DriverWithBackgroundTest {

    private static final long MS = 1_000_000L;

    private static DriverConfig config(int port, double rate, long warmupMs, long durationMs) {
        Target target = Target.parse("http://127.0.0.1:" + port + "/plaintext");
        RequestTemplate t = RequestTemplate.http("plaintext", 1, "GET", target.hostHeader(), "/plaintext", null,
                200, "Hello, World!", null);
        return DriverConfig.openLoop(target, List.of(t), rate, 4, warmupMs * MS, durationMs * MS);
    }

    private static BackgroundGroup idle(int n) throws Exception {
        return new BackgroundGroup("idle", null, n, null, null, null, null, null, null, null, null, null, null)
                .validate("test");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theDriverRunsTheBackgroundBesideTheWholeMeasurement() throws Exception {
        List<String> events = new ArrayList<>();
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0))) {
            BackgroundLoad background = new BackgroundLoad(List.of(idle(10)), "127.0.0.1:" + server.port(),
                    new BackgroundLoad.Listener() {
                        @Override
                        public void established(BackgroundLoad load) {
                            events.add("established " + load.openNow() + " " + server.responses());
                        }

                        @Override
                        public void stopping(BackgroundLoad load) {
                            events.add("stopping " + load.openNow());
                        }
                    });
            DriverResult r = PreciseDriver.run(config(server.port(), 500, 200, 1_000), null, background);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            assertEquals(500, r.counts().completed());
            // the idle connections were all in place (and answered) before the driver sent its first request
            assertEquals(List.of("established 10 10", "stopping 10"), events);
            assertEquals(10 + 600, server.responses());
            assertEquals(1, background.outcomes().size());
            assertEquals(10, background.outcomes().get(0).held());
            assertEquals(10, background.outcomes().get(0).responses());
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("loadgen-background")),
                    "stopped with the driver's run");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatServesNobodyIsAResultNotAnException() throws Exception {
        // a listening socket that is never accepted from: connects complete in the kernel's backlog, nothing answers
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            BackgroundLoad background = new BackgroundLoad(List.of(idle(2)), "127.0.0.1:" + silent.getLocalPort(), null);
            DriverConfig c = config(silent.getLocalPort(), 200, 0, 500).withTimeoutNanos(300 * MS);
            DriverResult r = PreciseDriver.run(c, null, background);
            assertEquals(0, r.counts().completed());
            assertTrue(r.counts().timeouts() > 0, "its requests timed out");
            Summary s = DriverSummary.of("silent", "test", r, null);
            assertTrue(s.servedNone());
            assertTrue(s.invalidReasons().get(0).startsWith(Validity.SERVED_NONE), s.invalidReasons().toString());
            assertEquals(0, background.outcomes().get(0).responses(), "the idle clients were not answered either");
        }
    }
}

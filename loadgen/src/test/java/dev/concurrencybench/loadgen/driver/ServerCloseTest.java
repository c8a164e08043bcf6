package dev.concurrencybench.loadgen.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Servers close keep-alive connections (nginx after {@code keepalive_requests}, Jetty, Tomcat, proxies). An
 * announced close ({@code Connection: close}) is normal operation: zero errors, every scheduled request answered
 * exactly once, pipelined requests the server dropped re-sent on a new connection. An unannounced close with a
 * request in flight is an error.
 */
class ServerCloseTest {

    private static final long MS = 1_000_000L;

    private static DriverConfig config(int port, double rate, int connections, int pipeline, long warmupMs,
                                       long durationMs) {
        Target target = Target.parse("http://127.0.0.1:" + port + "/plaintext");
        RequestTemplate t = RequestTemplate.http("plaintext", 1, "GET", target.hostHeader(), "/plaintext", null,
                200, "Hello, World!", null);
        return DriverConfig.openLoop(target, List.of(t), rate, connections, warmupMs * MS, durationMs * MS)
                .withPipelineDepth(pipeline);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void announcedClosesCostNothingWithoutPipelining() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0)).closeAfter(7, true)) {
            DriverResult r = PreciseDriver.run(config(server.port(), 1_000, 4, 1, 500, 2_000), null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            assertEquals(0, r.counts().notSent());
            // the window holds exactly rate x duration intended send times, each answered once
            assertEquals(2_000, r.counts().completed());
            assertEquals(2_000, r.corrected().getTotalCount());
            assertEquals(2_500, server.responses(), "every scheduled request, warm-up included, answered once");
            // 4 connections, each may end with up to 6 responses short of its next close
            assertTrue(server.closes() >= (2_500 - 4 * 6) / 7, "closes " + server.closes());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void pipelinedRequestsDroppedAtAnAnnouncedCloseAreResent() throws Exception {
        // 3 ms per request and connection, 250 req/s per connection: requests queue up in the pipelines, so the
        // server has unanswered requests on a connection whenever it closes it
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(3 * MS)).closeAfter(5, true)) {
            DriverResult r = PreciseDriver.run(config(server.port(), 1_000, 4, 4, 500, 2_000), null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            assertEquals(0, r.counts().notSent());
            assertEquals(2_000, r.counts().completed());
            assertEquals(2_000, r.corrected().getTotalCount());
            assertEquals(2_500, server.responses(), "every scheduled request, warm-up included, answered once");
            assertTrue(server.discarded() > 0, "no pipelined request was ever dropped: the test tests nothing");
            System.out.printf("pipelined: %d closes, %d requests dropped by the server and re-sent%n",
                    server.closes(), server.discarded());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyConnectionClosingAfterOneResponseStillWorks() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0)).closeAfter(1, true)) {
            DriverResult r = PreciseDriver.run(config(server.port(), 500, 4, 2, 200, 1_000), null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            assertEquals(500, r.counts().completed());
            assertEquals(600, server.responses());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnannouncedCloseWithARequestInFlightIsAnError() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0)).closeAfter(50, false)) {
            DriverResult r = PreciseDriver.run(config(server.port(), 1_000, 2, 1, 0, 1_000), null);
            long closes = server.closes();
            assertTrue(closes >= 15, "closes " + closes);
            // each close takes exactly the request it refused to answer with it
            assertEquals(r.counts().resets(), r.counts().errors(), () -> "errors: " + r.firstErrors());
            assertTrue(Math.abs(r.counts().resets() - closes) <= 2, r.counts().resets() + " resets, " + closes + " closes");
            assertTrue(r.firstErrors().get(0).contains("connection"), r.firstErrors().toString());
            assertEquals(1_000, r.counts().completed() + r.counts().errors());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twoDriverLoopsShareTheScheduleExactly() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0)).closeAfter(20, true)) {
            DriverConfig one = config(server.port(), 1_000, 5, 2, 300, 1_500);
            DriverConfig two = new DriverConfig(one.target(), one.templates(), one.mode(), one.ratePerSecond(), false,
                    one.connections(), one.pipelineDepth(), one.warmupNanos(), one.durationNanos(), one.timeoutNanos(),
                    one.bodyCheckEvery(), 2, one.seed());
            DriverResult r = PreciseDriver.run(two, null);
            assertEquals(0, r.counts().errors(), () -> "errors: " + r.firstErrors());
            assertEquals(1_500, r.counts().completed());
            assertEquals(1_800, server.responses());
        }
    }
}

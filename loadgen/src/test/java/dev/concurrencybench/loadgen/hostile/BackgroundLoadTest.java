package dev.concurrencybench.loadgen.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import dev.concurrencybench.loadgen.testserver.TestHttpServer;
import dev.concurrencybench.report.results.BackgroundOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each kind of background client against a server whose behaviour is known: what it sends, what it counts. The
 * tests wait for behaviour (bounded by their {@code @Timeout}), never assert on how long something took.
 */
class BackgroundLoadTest {

    private static final long FAR = 60_000_000_000L;

    private static BackgroundGroup group(String kind, Integer connections, Double rate, Long byteIntervalMillis,
                                         Integer bodyBytes, Integer pipeline, Integer readBytesPerSecond, String close) {
        return new BackgroundGroup(kind, null, connections, rate, null, byteIntervalMillis, null, bodyBytes, pipeline,
                readBytesPerSecond, null, close, null);
    }

    /** Validates like a scenario file does (defaults filled in). */
    private static BackgroundGroup valid(BackgroundGroup raw) throws Exception {
        return raw.validate("test");
    }

    private static BackgroundLoad start(int port, BackgroundGroup g) throws Exception {
        BackgroundLoad load = new BackgroundLoad(List.of(valid(g)), "127.0.0.1:" + port, null);
        load.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), System.nanoTime() + FAR);
        return load;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    private static long backgroundThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("loadgen-background")).count();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void slowlorisTricklesAnEndlessHeaderAndCountsTheServersCloses() throws Exception {
        try (HeaderDeadlineServer server = new HeaderDeadlineServer(300)) {
            BackgroundLoad load = start(server.port(), group("slowloris", 10, null, 20L, null, null, null, null));
            load.awaitEstablished(10_000_000_000L);
            assertEquals(1, backgroundThreads(), "one thread for every attacking connection");
            // every connection closed at least twice by the server (and re-opened), as the client saw it
            await(() -> load.closedByServerNow() >= 20);
            load.stop();
            BackgroundOutcome o = load.outcomes().get(0);
            assertEquals("slowloris", o.kind());
            assertTrue(o.closedByServer() >= 20, "closed by server: " + o.closedByServer());
            assertTrue(o.opened() > 10, "re-opened after the server's closes: " + o.opened());
            assertTrue(o.held() <= 10, "held " + o.held());
            assertEquals(0, server.completeHeaders.get(), "a slowloris header never ends");
            assertTrue(o.bytesSent() > 0 && server.bytesRead.get() <= o.bytesSent(),
                    o.bytesSent() + " sent, " + server.bytesRead.get() + " read");
            assertNotNull(o.closeAfterMillisP50());
            assertTrue(o.closeAfterMillisP50() >= 200, "the server cannot close before its deadline: "
                    + o.closeAfterMillisP50() + " ms");
            assertEquals(0, backgroundThreads(), "stopped");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void slowBodySendsAWholeHeaderThenTricklesTheBody() throws Exception {
        try (HeaderDeadlineServer server = new HeaderDeadlineServer(300)) {
            BackgroundLoad load = start(server.port(), group("slow-body", 5, null, 20L, 10_000, null, null, null));
            await(() -> load.closedByServerNow() >= 5);
            load.stop();
            BackgroundOutcome o = load.outcomes().get(0);
            assertTrue(server.completeHeaders.get() >= 5, "headers " + server.completeHeaders.get());
            assertEquals(0, server.completeBodies.get(), "the 10000-byte body never arrives in time");
            assertTrue(o.closedByServer() >= 5, "closed by server: " + o.closedByServer());
            long headerBytes = HeaderDeadlineServer.ascii("POST /work HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n").length;
            assertTrue(o.bytesSent() > 5 * headerBytes, "body bytes trickled too: " + o.bytesSent());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void slowReaderBacksUpTheServersWrites() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0))) {
            // 100,000 responses (over 10 MB) exceed any send buffer the kernel would give the server's socket
            BackgroundLoad load = start(server.port(), group("slow-reader", 1, null, null, null, 100_000, 64, null));
            load.awaitEstablished(10_000_000_000L);
            await(() -> server.responses() > 0);
            // let the server write until it blocks: its count stops growing
            long last = -1;
            while (server.responses() != last) {
                last = server.responses();
                Thread.sleep(300);
            }
            load.stop();
            BackgroundOutcome o = load.outcomes().get(0);
            assertTrue(server.responses() < 100_000, "the server's writes backed up after " + server.responses());
            assertTrue(o.bytesReceived() > 0, "it reads, slowly");
            assertEquals(1, o.held());
            assertEquals(0, o.closedByServer());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void idleConnectionsAreAnsweredOnceThenHeld() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0))) {
            BackgroundLoad load = start(server.port(), group("idle", 20, null, null, null, null, null, null));
            load.awaitEstablished(20_000_000_000L);
            assertTrue(load.established());
            assertEquals(20, load.openNow());
            load.stop();
            BackgroundOutcome o = load.outcomes().get(0);
            assertEquals(20, o.opened());
            assertEquals(20, o.responses());
            assertEquals(20, o.held());
            assertEquals(0, o.closedByServer());
            assertEquals(20, server.responses());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void churnSendsHalfARequestThenClosesOrResets() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0))) {
            BackgroundLoad load = start(server.port(), group("churn", 8, 200.0, null, null, null, null, "both"));
            Thread.sleep(500);
            load.stop();
            BackgroundOutcome o = load.outcomes().get(0);
            assertTrue(o.opened() >= 2, "opened " + o.opened());
            assertTrue(o.resets() >= 1 && o.resets() < o.opened(), o.resets() + " resets of " + o.opened());
            int half = HeaderDeadlineServer.ascii("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\n\r\n").length / 2;
            assertEquals(o.opened() * half, o.bytesSent(), "half a request per connection");
            assertEquals(0, server.responses(), "half a request is never answered");
            assertEquals(0, o.held(), "every connection closed by the client at once");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void floodOpensSilentConnectionsUpToItsBound() throws Exception {
        try (TestHttpServer server = new TestHttpServer(0, TestHttpServer.fixed(0))) {
            BackgroundLoad load = start(server.port(), group("flood", 30, 1000.0, null, null, null, null, null));
            await(() -> load.openNow() >= 30);
            Thread.sleep(200); // more ticks of the rate: it must not open more
            load.stop();
            BackgroundOutcome o = load.outcomes().get(0);
            assertEquals(30, o.opened(), "never more than 'connections' open");
            assertEquals(30, o.held());
            assertEquals(0, o.bytesSent());
            assertEquals(1000.0, o.ratePerSecond());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void refusesNonLoopbackTargetsAndStopsSafelyWhenNeverStarted() throws Exception {
        BackgroundLoad load = new BackgroundLoad(List.of(valid(group("idle", 1, null, null, null, null, null, null))),
                "x", null);
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> load.start(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 80), System.nanoTime() + FAR));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        load.stop();
        assertFalse(load.established());
        assertTrue(load.outcomes().isEmpty());
    }
}

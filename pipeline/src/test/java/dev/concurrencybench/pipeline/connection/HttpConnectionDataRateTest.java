package dev.concurrencybench.pipeline.connection;

import static dev.concurrencybench.pipeline.connection.Wire.bytes;
import static dev.concurrencybench.pipeline.connection.Wire.drain;
import static dev.concurrencybench.pipeline.connection.Wire.feed;
import static dev.concurrencybench.pipeline.connection.Wire.normalize;
import static dev.concurrencybench.pipeline.connection.Wire.response;
import static dev.concurrencybench.pipeline.connection.Wire.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The minimum request data rate as the pipeline computes it ({@link HttpConnection#minDataRateDeadline()},
 * {@link HttpConnection#enforceMinDataRate}): no sockets and no waiting, the clock is an argument.
 */
class HttpConnectionDataRateTest {

    static final long GRACE_MILLIS = 1_000;
    static final long RATE = 1_000;
    static final String HEAD_5000 = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            + "Content-Length: 5000\r\n\r\n";
    static final String TOO_SLOW_408 = response("408 Request Timeout", "application/json",
            "{\"error\":\"request body arrived slower than 1000 bytes/s\"}", "Connection: close");

    private static HttpConnection connection(long rate) throws IOException {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(GRACE_MILLIS, 60_000).withMinRequestDataRate(rate);
        return Pipeline.create(ServerConfig.builder().limits(limits).build()).newConnection();
    }

    private static void receive(HttpConnection conn, String wire) {
        feed(conn, bytes(wire));
        assertNull(conn.nextRequest(), "the request is incomplete");
    }

    @Test
    void theDeadlineIsTheGraceUntilTheBodyEarnsMoreAndThen408AndClose() throws IOException {
        HttpConnection conn = connection(RATE);
        receive(conn, HEAD_5000 + "x".repeat(10));
        assertTrue(conn.readingBody());
        long first = conn.minDataRateDeadline();
        assertNotEquals(0, first);
        assertFalse(conn.enforceMinDataRate(first - 1), "before the grace has passed");
        assertFalse(conn.hasOutput());

        // 1,500 bytes at 1,000 bytes/s earn 1.5 s from the start of the body: half a second past the grace.
        receive(conn, "x".repeat(1_490));
        long later = conn.minDataRateDeadline();
        assertEquals(first + TimeUnit.MILLISECONDS.toNanos(500), later);
        assertFalse(conn.enforceMinDataRate(first), "the body has kept up with the rate");

        assertTrue(conn.enforceMinDataRate(later));
        assertEquals(TOO_SLOW_408, normalize(drain(conn)));
        assertTrue(conn.closing());
        assertFalse(conn.readingBody());
        assertEquals(0, conn.minDataRateDeadline());
        assertNull(conn.nextRequest());
    }

    @Test
    void headersAndCompleteRequestsAreNotRated() throws IOException {
        HttpConnection conn = connection(RATE);
        receive(conn, "GET /plaintext HTTP/1.1\r\nHost: a\r\n");
        assertTrue(conn.midRequest());
        assertFalse(conn.readingBody(), "headers are the header-read timeout's business");
        assertEquals(0, conn.minDataRateDeadline());

        HttpConnection done = connection(RATE);
        String body = "{\"cpuIterations\":1,\"payload\":1}";
        feed(done, bytes("POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body));
        assertEquals(1, serve(Pipeline.create(ServerConfig.builder().build()), done).size());
        assertEquals(0, done.minDataRateDeadline(), "no body in progress after the request completed");
        assertFalse(done.enforceMinDataRate(System.nanoTime() + TimeUnit.HOURS.toNanos(1)));
    }

    @Test
    void zeroTurnsTheRateOff() throws IOException {
        HttpConnection conn = connection(0);
        receive(conn, HEAD_5000 + "x");
        assertTrue(conn.readingBody());
        assertEquals(0, conn.minDataRateDeadline());
        assertFalse(conn.enforceMinDataRate(System.nanoTime() + TimeUnit.HOURS.toNanos(1)));
        assertFalse(conn.hasOutput());
    }
}

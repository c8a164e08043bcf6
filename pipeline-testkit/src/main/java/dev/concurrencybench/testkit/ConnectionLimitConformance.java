package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertError;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ServerConfig#maxConnections()}: with the limit held by keep-alive connections, one more gets the model's
 * documented answer ({@link dev.concurrencybench.pipeline.server.ServerProvider#atMaxConnections()}), the held
 * connections are served as before, and once they go the server serves new connections again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ConnectionLimitConformance {

    static final int LIMIT = 4;
    static final int EXTRA = 3;
    /** How long a backlogged connection is watched for a premature answer. */
    static final int BACKLOG_QUIET_MILLIS = 300;

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void connectionsBeyondTheLimitGetTheDocumentedAnswerAndServingGoesOn() throws Exception {
        OverloadResponse policy = fixture().provider().atMaxConnections();
        Server server = fixture().start(ServerConfig.builder().maxConnections(LIMIT).build());
        InetSocketAddress address = server.address();
        List<RawHttpClient> held = new ArrayList<>();
        List<RawHttpClient> extras = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                RawHttpClient c = RawHttpClient.connect(address);
                held.add(c);
                assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT)); // accepted and counted
            }
            // The TCP connect succeeds in every case: the kernel completes it (listen backlog) before any accept().
            for (int i = 0; i < EXTRA; i++) extras.add(RawHttpClient.connect(address));
            switch (policy) {
                case SERVICE_UNAVAILABLE -> {
                    for (RawHttpClient e : extras) {
                        // Nothing sent: the refusal must not depend on a request (and unread bytes would turn the
                        // server's close into a reset that can destroy the 503 in flight).
                        RawResponse r = e.readResponse();
                        assertError(r, 503);
                        assertEquals("close", r.header("Connection"), () -> "503 without Connection: close:\n" + r);
                        assertTrue(e.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS),
                                "the connection stayed open after its 503");
                    }
                }
                case CLOSE -> {
                    for (RawHttpClient e : extras) {
                        byte[] got = e.readUntilClosed(ConnectionConformance.CLOSE_WAIT_MILLIS);
                        assertEquals(0, got.length, () -> "a refused connection got bytes: " + new String(got,
                                java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                }
                case BACKLOG -> {
                    for (RawHttpClient e : extras) e.send(WireContract.GET_PLAINTEXT);
                    Thread.sleep(BACKLOG_QUIET_MILLIS);
                    for (RawHttpClient e : extras) {
                        assertEquals(0, e.socket().getInputStream().available(),
                                "a connection beyond the limit was answered while the limit was held");
                    }
                }
            }
            for (RawHttpClient c : held) {
                assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT)); // the held connections are not disturbed
            }
            for (RawHttpClient c : held) c.close();
            held.clear();
            if (policy == OverloadResponse.BACKLOG) {
                // Slots free up as the held connections close: the waiting connections are accepted and answered.
                for (RawHttpClient e : extras) assertPlaintext(e.readResponse());
            }
            assertServedEventually(address);
        } finally {
            for (RawHttpClient c : held) c.close();
            for (RawHttpClient c : extras) c.close();
            server.close();
        }
    }

    /**
     * A new connection is served once the server has noticed the held ones closed: a bounded number of tries, each
     * refused one (503, or closed without a byte) followed by a short pause.
     */
    static void assertServedEventually(InetSocketAddress address) throws Exception {
        String last = "no attempt";
        for (int attempt = 0; attempt < 100; attempt++) {
            try (RawHttpClient c = RawHttpClient.connect(address)) {
                c.send(WireContract.GET_PLAINTEXT);
                RawResponse r = c.readResponse();
                if (r.status() == 200) {
                    assertPlaintext(r);
                    return;
                }
                last = "status " + r.status();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        fail("no new connection was served after the held ones closed; last attempt: " + last);
    }
}

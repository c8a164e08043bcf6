package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertJson;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection management and framing (RFC 9112 §6, §7, §9): keep-alive, {@code Connection: close}, HTTP/1.0,
 * pipelining, requests that arrive split at every byte offset, and chunked uploads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ConnectionConformance {

    /** How long a server may take to close a connection it should close, in ms: a hang guard, not a target. */
    static final int CLOSE_WAIT_MILLIS = 5_000;

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void keepAliveServesSeveralRequests() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            for (int i = 0; i < 5; i++) {
                assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
                assertJson(c.exchange(WireContract.GET_JSON));
                assertWork(c.exchange(WireContract.POST_WORK));
            }
        }
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            assertPlaintext(c.exchange("GET /plaintext HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            assertTrue(c.closedByServerWithin(CLOSE_WAIT_MILLIS), "server kept the connection open after Connection: close");
        }
    }

    @Test
    void http10IsAnsweredThenClosed() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            assertPlaintext(c.exchange("GET /plaintext HTTP/1.0\r\n\r\n"));
            assertTrue(c.closedByServerWithin(CLOSE_WAIT_MILLIS), "HTTP/1.0 without keep-alive must be closed");
        }
    }

    @Test
    void http10KeepAliveStaysOpen() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            assertJson(c.exchange("GET /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
            assertPlaintext(c.exchange("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            c.send(WireContract.GET_PLAINTEXT + WireContract.GET_JSON + WireContract.GET_PLAINTEXT
                    + WireContract.POST_WORK + WireContract.GET_JSON);
            assertPlaintext(c.readResponse());
            assertJson(c.readResponse());
            assertPlaintext(c.readResponse());
            assertWork(c.readResponse());
            assertJson(c.readResponse());
        }
    }

    @Test
    void getSplitAtEveryOffsetIsAnswered() throws IOException {
        splitAtEveryOffset(WireContract.GET_JSON, ResponseAssertions::assertJson);
    }

    @Test
    void postSplitAtEveryOffsetIsAnswered() throws IOException {
        String body = WireContract.workBody(1, 0, 0);
        splitAtEveryOffset(WireContract.postWork(body), r -> assertWork(r, 1, 0, 0));
    }

    @Test
    void chunkedUploadIsAnsweredLikeContentLength() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            JsonNode chunked = assertWork(c.exchange(WireContract.chunkedWork()));
            JsonNode plain = assertWork(c.exchange(WireContract.POST_WORK));
            assertEquals(plain.get("digest"), chunked.get("digest"), "chunked body decoded differently");
            assertEquals(plain.get("payloadBytes"), chunked.get("payloadBytes"));
            // the connection must still be in sync after the trailer
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    /**
     * A slow client: the request goes out in two writes split at each offset, with a pause between so that
     * the server most likely sees two reads. One keep-alive connection carries every split.
     */
    private void splitAtEveryOffset(String request, Consumer<RawResponse> check) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttpClient c = fixture().connect()) {
            for (int split = 1; split < bytes.length; split++) {
                c.send(java.util.Arrays.copyOfRange(bytes, 0, split));
                pause();
                c.send(java.util.Arrays.copyOfRange(bytes, split, bytes.length));
                RawResponse r;
                try {
                    r = c.readResponse();
                } catch (IOException e) {
                    throw new IOException("split at offset " + split + ": " + e.getMessage(), e);
                }
                try {
                    check.accept(r);
                } catch (AssertionError e) {
                    throw new AssertionError("split at offset " + split + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

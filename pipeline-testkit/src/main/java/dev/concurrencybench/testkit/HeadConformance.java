package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HEAD (RFC 9110 §9.3.2; §9.1: every general-purpose server MUST support GET and HEAD): on every GET resource the
 * same status and header fields as GET, {@code Content-Length} included, and never a body — not on errors either.
 * A stray body would be read as the start of the next response, so every test that keeps the connection open
 * sends a GET after the HEAD and checks that answer too; a test whose HEAD is refused checks that nothing follows
 * the head before the close. Methods are case-sensitive; unknown ones get 501 (§9.1).
 * Run through {@link AbstractServerConformanceTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class HeadConformance {

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    private static String head(String path) {
        return "HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/plaintext", "/json"})
    void headHasGetsHeadersAndNoBody(String path) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            RawResponse get = c.exchange(WireContract.get(path));
            RawResponse head = c.exchangeHead(head(path));
            assertEquals(get.status(), head.status(), () -> "HEAD " + path + ":\n" + head);
            assertEquals(withoutDate(get.headers()), withoutDate(head.headers()), "HEAD must send GET's header fields");
            assertEquals(String.valueOf(get.body().length), head.header("Content-Length"),
                    "Content-Length of HEAD is the length GET sends");
            ResponseAssertions.assertServerAndDate(head);
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    @Test
    void headOfPlaintextSaysContentLength13() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            RawResponse head = c.exchangeHead(head("/plaintext"));
            assertEquals(200, head.status(), head::toString);
            assertEquals("13", head.header("Content-Length"));
            assertEquals("text/plain", head.mediaType());
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/nope", "/work", "/plaintext?x=1"})
    void headOfOtherResourcesHasNoBodyEither(String path) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            RawResponse get = c.exchange(WireContract.get(path));
            RawResponse head = c.exchangeHead(head(path));
            assertEquals(get.status(), head.status(), head::toString);
            assertEquals(withoutDate(get.headers()), withoutDate(head.headers()));
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    @Test
    void pipelinedHeadsStayInFrame() throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            c.send(head("/plaintext") + head("/json") + head("/nope") + WireContract.GET_PLAINTEXT);
            assertEquals(200, c.readResponse(true).status());
            assertEquals(200, c.readResponse(true).status());
            assertEquals(404, c.readResponse(true).status());
            assertPlaintext(c.readResponse());
        }
    }

    /** Requests the parser refuses: the error head, then the close, with not one body byte in between. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "HEAD /plaintext HTTP/1.1\r\n\r\n",
            "HEAD /plaintext HTTP/1.1\r\nHost: a b\r\n\r\n",
            "HEAD /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "HEAD /plaintext HTTP/2.0\r\nHost: localhost\r\n\r\n",
            "HEAD /plaintext#frag HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "HEAD /plaintext HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1, 1\r\n\r\n",
    })
    void refusedHeadHasNoBody(String request) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            RawResponse r = c.exchangeHead(request);
            assertTrue(r.status() >= 400, r::toString);
            assertEquals("close", r.header("Connection"), r::toString);
            byte[] after = c.readUntilClosed(ConnectionConformance.CLOSE_WAIT_MILLIS);
            assertEquals(0, after.length, () -> "bytes after the head of a refused HEAD: " + new String(after,
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/plaintext", "/json"})
    void allowListsGetAndHead(String path) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            RawResponse r = c.exchange(WireContract.post(path, "text/plain", "x"));
            ResponseAssertions.assertError(r, 405);
            assertEquals("GET, HEAD", r.header("Allow"), r::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"get", "Head", "PUT", "BREW"})
    void unknownOrLowerCaseMethodsAre501(String method) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            RawResponse r = c.exchange(method + " /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n");
            ResponseAssertions.assertError(r, 501);
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    private static List<RawResponse.Header> withoutDate(List<RawResponse.Header> headers) {
        return headers.stream().filter(h -> !h.name().equalsIgnoreCase("Date")).toList();
    }
}

package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of request the server must refuse, with its RFC 9112 status, a JSON error body, and then the
 * connection closed by the server because framing is lost (RFC 9112 §6.3, §11.2: request smuggling defences).
 * Runs against the strict server ({@link ServerFixture#STRICT_LIMITS}), so the limit cases stay small.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class RejectConformance {

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    private static final String POST_HEAD = "POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";

    static Stream<Arguments> rejects() {
        return Stream.of(
                reject("Content-Length with Transfer-Encoding", 400,
                        POST_HEAD + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                reject("conflicting Content-Length", 400,
                        POST_HEAD + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
                reject("non-numeric Content-Length", 400, POST_HEAD + "Content-Length: 2x\r\n\r\n{}"),
                reject("negative Content-Length", 400, POST_HEAD + "Content-Length: -2\r\n\r\n{}"),
                reject("invalid chunk size", 400,
                        POST_HEAD + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
                reject("obs-fold", 400, "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n  b\r\n\r\n"),
                reject("space before colon", 400, "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nX-Spaced : a\r\n\r\n"),
                reject("NUL in a field value", 400, "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nX-Nul: a\0b\r\n\r\n"),
                reject("bare CR in a field value", 400, "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nX-Cr: a\rb\r\n\r\n"),
                reject("HTTP/1.1 without Host", 400, "GET /plaintext HTTP/1.1\r\nAccept: */*\r\n\r\n"),
                // RFC 9112 §6.3 item 4: chunked not final MUST be a 400 and a close
                reject("Transfer-Encoding gzip", 400,
                        POST_HEAD + "Transfer-Encoding: gzip\r\n\r\n"),
                reject("Transfer-Encoding gzip, chunked", 501,
                        POST_HEAD + "Transfer-Encoding: gzip, chunked\r\n\r\n"),
                reject("duplicate identical Content-Length", 400,
                        POST_HEAD + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"),
                reject("chunk-ext bare semicolon", 400,
                        POST_HEAD + "Transfer-Encoding: chunked\r\n\r\n2;\r\n{}\r\n0\r\n\r\n"),
                reject("whitespace after chunk size", 400,
                        POST_HEAD + "Transfer-Encoding: chunked\r\n\r\n2 \r\n{}\r\n0\r\n\r\n"),
                reject("fragment in target", 400, "GET /plaintext#x HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                reject("malformed version", 400, "GET /plaintext HTTP/1.11\r\nHost: localhost\r\n\r\n"),
                reject("lower-case version", 400, "GET /plaintext http/1.1\r\nHost: localhost\r\n\r\n"),
                reject("HTTP/2.0 request line", 505, "GET /plaintext HTTP/2.0\r\nHost: localhost\r\n\r\n"),
                reject("request line over the limit", 414,
                        "GET /" + "a".repeat(ServerFixture.STRICT_LIMITS.maxRequestLineBytes() + 64)
                                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                reject("header block over the limit", 431,
                        "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                                + "b".repeat(ServerFixture.STRICT_LIMITS.maxHeaderBytes() + 64) + "\r\n\r\n"),
                reject("too many header lines", 431,
                        "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n"
                                + manyHeaders(ServerFixture.STRICT_LIMITS.maxHeaderCount() + 5) + "\r\n"),
                // only the head is sent: a server must refuse on the declared length, before reading the body
                reject("body over the limit", 413,
                        POST_HEAD + "Content-Length: " + 2 * ServerFixture.STRICT_LIMITS.maxBodyBytes() + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rejects")
    void rejectIsAnsweredAndClosed(String what, int status, String request) throws IOException {
        try (RawHttpClient c = fixture().connectStrict()) {
            assertError(c.exchange(request), status);
            assertTrue(c.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS),
                    () -> what + ": connection must be closed after a " + status);
        }
    }

    private static Arguments reject(String what, int status, String request) {
        return Arguments.of(what, status, request);
    }

    private static String manyHeaders(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("X-").append(i).append(": ").append(i).append("\r\n");
        return sb.toString();
    }
}

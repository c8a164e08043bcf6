package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertError;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host (RFC 9112 §3.2, RFC 9110 §7.2, RFC 3986 §3.2.2): a server MUST answer 400 to an HTTP/1.1 request without
 * Host, with more than one Host field line, or with an invalid Host value — and then close, as the request is
 * refused before its framing is trusted. Valid is {@code uri-host [ ":" port ]}. The suite's choices: an empty
 * Host is accepted (it is grammatical, and what a client MUST send when the target has no authority), and an
 * absolute-form target's authority wins over Host, which must still be valid.
 * Run through {@link AbstractServerConformanceTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class HostConformance {

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    private void assertRefusedAndClosed(String request) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            assertError(c.exchange(request), 400);
            assertTrue(c.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS),
                    "connection must be closed after a 400 for Host");
        }
    }

    private void assertServed(String request) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            assertPlaintext(c.exchange(request));
        }
    }

    @Test
    void missingHostIn11Is400() throws IOException {
        assertRefusedAndClosed("GET /plaintext HTTP/1.1\r\nAccept: */*\r\n\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host: localhost\r\nHost: localhost", "Host: localhost\r\nhost: other", "Host: a\r\nHOST:"})
    void moreThanOneHostLineIs400(String lines) throws IOException {
        assertRefusedAndClosed("GET /plaintext HTTP/1.1\r\n" + lines + "\r\n\r\n");
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"user@localhost", "localhost/plaintext", "a, b", "a,b", "local host", "localhost:80x",
            "localhost:-1", "localhost:99999", ":8080", "[::1", "::1", "[fe80::1%25eth0]", "localhost?x", "caf\u00e9"})
    void invalidHostIs400(String value) throws IOException {
        assertRefusedAndClosed("GET /plaintext HTTP/1.1\r\nHost: " + value + "\r\n\r\n");
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"localhost", "127.0.0.1:8080", "[::1]:80", "[2001:db8::7]", "example.com:",
            "xn--caf-dma.example", "a%2Db"})
    void validHostIsServed(String value) throws IOException {
        assertServed("GET /plaintext HTTP/1.1\r\nHost: " + value + "\r\n\r\n");
    }

    /** The suite's documented choice: an empty Host is grammatical, and the connection names the origin. */
    @Test
    void emptyHostIsServed() throws IOException {
        assertServed("GET /plaintext HTTP/1.1\r\nHost:\r\n\r\n");
    }

    @Test
    void http10MayOmitHost() throws IOException {
        assertServed("GET /plaintext HTTP/1.0\r\n\r\n");
    }

    @Test
    void absoluteFormTargetWinsOverHost() throws IOException {
        assertServed("GET http://localhost:1/plaintext HTTP/1.1\r\nHost: other.example\r\n\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET http://localhost/plaintext HTTP/1.1\r\n\r\n",
            "GET http://localhost/plaintext HTTP/1.1\r\nHost: a b\r\n\r\n",
            "GET http://user@localhost/plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "GET http:///plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n",
    })
    void absoluteFormStillNeedsAValidHostAndAuthority(String request) throws IOException {
        assertRefusedAndClosed(request);
    }
}

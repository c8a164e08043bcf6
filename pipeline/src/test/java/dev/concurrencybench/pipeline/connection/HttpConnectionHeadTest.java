package dev.concurrencybench.pipeline.connection;

import static dev.concurrencybench.pipeline.connection.Wire.bytes;
import static dev.concurrencybench.pipeline.connection.Wire.drain;
import static dev.concurrencybench.pipeline.connection.Wire.feed;
import static dev.concurrencybench.pipeline.connection.Wire.normalize;
import static dev.concurrencybench.pipeline.connection.Wire.response;
import static dev.concurrencybench.pipeline.connection.Wire.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HEAD through a whole connection (RFC 9110 §9.3.2): the exact head GET would get, {@code Content-Length} included,
 * and never a body, on every status, including the errors the parser raises before a request exists. Each case is
 * fed whole and cut at every offset, followed by a pipelined GET where the connection stays open, so a stray body
 * byte would show up as a corrupted second response.
 */
class HttpConnectionHeadTest {

    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String PLAINTEXT_OK = response("200 OK", "text/plain", "Hello, World!");

    private static Pipeline pipeline;

    @BeforeAll
    static void createPipeline() throws IOException {
        pipeline = Pipeline.create(ServerConfig.builder().build());
    }

    /** A response exactly as {@link Wire#response} builds it, with the body cut off. */
    private static String headOnly(String status, String contentType, String body, String... extra) {
        String full = response(status, contentType, body, extra);
        return full.substring(0, full.indexOf("\r\n\r\n") + 4);
    }

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of("HEAD /plaintext", "HEAD /plaintext HTTP/1.1\r\nHost: a\r\n\r\n" + GET,
                        headOnly("200 OK", "text/plain", "Hello, World!") + PLAINTEXT_OK),
                Arguments.of("HEAD /json", "HEAD /json HTTP/1.1\r\nHost: a\r\n\r\n" + GET,
                        headOnly("200 OK", "application/json", "{\"message\":\"Hello, World!\"}") + PLAINTEXT_OK),
                Arguments.of("HEAD of a missing resource", "HEAD /nope HTTP/1.1\r\nHost: a\r\n\r\n" + GET,
                        headOnly("404 Not Found", "application/json", "{\"error\":\"no such resource\"}")
                                + PLAINTEXT_OK),
                Arguments.of("HEAD /work is 405", "HEAD /work HTTP/1.1\r\nHost: a\r\n\r\n" + GET,
                        headOnly("405 Method Not Allowed", "application/json", "{\"error\":\"method not allowed\"}",
                                "Allow: POST") + PLAINTEXT_OK),
                Arguments.of("HEAD over HTTP/1.0 with keep-alive",
                        "HEAD /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + GET,
                        headOnly("200 OK", "text/plain", "Hello, World!", "Connection: keep-alive") + PLAINTEXT_OK),
                Arguments.of("HEAD with Connection: close", "HEAD /json HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                        headOnly("200 OK", "application/json", "{\"message\":\"Hello, World!\"}", "Connection: close")),
                Arguments.of("HEAD without Host is 400 without body", "HEAD /plaintext HTTP/1.1\r\n\r\n",
                        headOnly("400 Bad Request", "application/json", "{\"error\":\"missing Host header\"}",
                                "Connection: close")),
                Arguments.of("HEAD with an invalid Host", "HEAD /plaintext HTTP/1.1\r\nHost: a@b\r\n\r\n",
                        headOnly("400 Bad Request", "application/json", "{\"error\":\"invalid Host header\"}",
                                "Connection: close")),
                Arguments.of("HEAD with HTTP/2.0 is 505 without body", "HEAD /plaintext HTTP/2.0\r\nHost: a\r\n\r\n",
                        headOnly("505 HTTP Version Not Supported", "application/json",
                                "{\"error\":\"HTTP version not supported\"}", "Connection: close")),
                Arguments.of("HEAD with a fragment", "HEAD /plaintext#x HTTP/1.1\r\nHost: a\r\n\r\n",
                        headOnly("400 Bad Request", "application/json", "{\"error\":\"fragment in request target\"}",
                                "Connection: close")),
                Arguments.of("HEAD with a body over the limit is 413 without body",
                        "HEAD /plaintext HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\n\r\n",
                        headOnly("413 Content Too Large", "application/json", "{\"error\":\"request body too large\"}",
                                "Connection: close")),
                Arguments.of("HEAD with a request line over the limit is 414 without body",
                        "HEAD /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
                        headOnly("414 URI Too Long", "application/json", "{\"error\":\"request line too long\"}",
                                "Connection: close")),
                Arguments.of("lower-case head is not HEAD: 501 with its body",
                        "head /plaintext HTTP/1.1\r\nHost: a\r\n\r\n" + GET,
                        response("501 Not Implemented", "application/json", "{\"error\":\"method not implemented\"}")
                                + PLAINTEXT_OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void headHasNoBodyWhole(String name, String wire, String expected) throws IOException {
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(wire));
        serve(pipeline, conn);
        assertEquals(expected, normalize(drain(conn)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void headHasNoBodyAtEverySplitOffset(String name, String wire, String expected) throws IOException {
        byte[] b = bytes(wire);
        // the 9000-byte request line is checked at a stride: every offset would be 9000 connections for one case
        int step = b.length > 2000 ? 97 : 1;
        for (int at = 0; at <= b.length; at += step) {
            HttpConnection conn = pipeline.newConnection();
            StringBuilder out = new StringBuilder();
            feed(conn, b, 0, at);
            serve(pipeline, conn);
            out.append(normalize(drain(conn)));
            if (!conn.closing()) {
                feed(conn, b, at, b.length);
                serve(pipeline, conn);
                out.append(normalize(drain(conn)));
            }
            assertEquals(expected, out.toString(), "split at " + at);
        }
    }
}

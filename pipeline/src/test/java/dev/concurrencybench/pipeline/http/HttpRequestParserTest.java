package dev.concurrencybench.pipeline.http;

import static dev.concurrencybench.pipeline.http.ParserFeed.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid requests: each is parsed whole, cut into two pieces at every offset, and fed one byte at a time, and
 * every feeding must give the same requests at the same stream positions.
 */
class HttpRequestParserTest {

    private static final HttpLimits LIMITS = HttpLimits.defaults();

    static final String GET = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";
    static final String GET_10 = "GET / HTTP/1.0\r\n\r\n";
    static final String POST = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            + "Content-Length: 13\r\n\r\n{\"payload\":1}";
    static final String CHUNKED = "POST /work HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=val\r\nhello\r\n6 ; x=\"q\" ;y\r\n world\r\n0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n";

    static Stream<Arguments> validRequests() {
        return Stream.of(
                Arguments.of("simple GET", GET, List.of("GET /plaintext HTTP/1.1 ka=true [Host: a] body=")),
                Arguments.of("HTTP/1.0 closes by default", GET_10, List.of("GET / HTTP/1.0 ka=false [] body=")),
                Arguments.of("HTTP/1.0 keep-alive",
                        "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
                        List.of("GET / HTTP/1.0 ka=true [Connection: Keep-Alive] body=")),
                Arguments.of("HTTP/1.0 with close and keep-alive: close wins (RFC 9112 §9.3)",
                        "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n",
                        List.of("GET / HTTP/1.0 ka=false [Connection: keep-alive, close] body=")),
                Arguments.of("HTTP/1.1 Connection: close",
                        "GET /json HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Close\r\n\r\n",
                        List.of("GET /json HTTP/1.1 ka=false [Host: a|Connection: keep-alive, Close] body=")),
                Arguments.of("POST with Content-Length", POST,
                        List.of("POST /work HTTP/1.1 ka=true [Host: a|Content-Type: application/json"
                                + "|Content-Length: 13] body={\"payload\":1}")),
                Arguments.of("chunked with extensions and trailers", CHUNKED,
                        List.of("POST /work HTTP/1.1 ka=true [Host: a|Transfer-Encoding: chunked] body=hello world")),
                Arguments.of("chunked, upper-case hex, leading zeros, no trailers",
                        "PUT /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ,Chunked\r\n\r\n"
                                + "00A\r\n0123456789\r\n1\r\n\r\r\n000\r\n\r\n",
                        List.of("PUT /u HTTP/1.1 ka=true [Host: a|Transfer-Encoding: ,Chunked] body=0123456789\r")),
                Arguments.of("body bytes are not lines",
                        "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n\r\n\0\n\r ",
                        List.of("POST /b HTTP/1.1 ka=true [Host: a|Content-Length: 6] body=\r\n\0\n\r ")),
                Arguments.of("OWS trimmed, obs-text kept, Content-Length with leading zeros",
                        "PUT /x?q=1 HTTP/1.1\r\nHost:  a \t\r\nX-Latin:caf\u00e9 \u00ff\r\nX-Empty:\r\n"
                                + "Content-Length: 003\r\n\r\nabc",
                        List.of("PUT /x?q=1 HTTP/1.1 ka=true [Host: a|X-Latin: caf\u00e9 \u00ff|X-Empty: "
                                + "|Content-Length: 003] body=abc")),
                Arguments.of("leading empty lines, asterisk-form, absolute-form",
                        "\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: a\r\n\r\nGET http://a/p HTTP/1.1\r\nHost: a\r\n\r\n",
                        List.of("OPTIONS * HTTP/1.1 ka=true [Host: a] body=",
                                "GET http://a/p HTTP/1.1 ka=true [Host: a] body=")),
                Arguments.of("HTTP/1.x above 1.1 is read as 1.1, HEAD like GET",
                        "HEAD /plaintext HTTP/1.9\r\nHost: a\r\n\r\n",
                        List.of("HEAD /plaintext HTTP/1.1 ka=true [Host: a] body=")),
                Arguments.of("unknown and lower-case methods are well-formed tokens",
                        "get / HTTP/1.1\r\nHost: a\r\n\r\nM-SEARCH! / HTTP/1.1\r\nHost: a\r\n\r\n",
                        List.of("get / HTTP/1.1 ka=true [Host: a] body=", "M-SEARCH! / HTTP/1.1 ka=true [Host: a] body=")),
                Arguments.of("method of exactly the length limit",
                        "M".repeat(RequestLine.MAX_METHOD_BYTES) + " / HTTP/1.0\r\n\r\n",
                        List.of("M".repeat(RequestLine.MAX_METHOD_BYTES) + " / HTTP/1.0 ka=false [] body=")),
                Arguments.of("Host forms: IPv4, IPv6, IPvFuture, pct-encoded, empty port",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\nGET / HTTP/1.1\r\nHost: [::ffff:1.2.3.4]:1\r\n\r\n"
                                + "GET / HTTP/1.1\r\nHost: [v7.a:b]\r\n\r\nGET / HTTP/1.1\r\nHost: a%2Db.x_y~!$&'()*+;=:\r\n\r\n"
                                + "GET / HTTP/1.1\r\nHost: [1:2:3:4:5:6:7:8]:65535\r\n\r\n",
                        List.of("GET / HTTP/1.1 ka=true [Host: 127.0.0.1:8080] body=",
                                "GET / HTTP/1.1 ka=true [Host: [::ffff:1.2.3.4]:1] body=",
                                "GET / HTTP/1.1 ka=true [Host: [v7.a:b]] body=",
                                "GET / HTTP/1.1 ka=true [Host: a%2Db.x_y~!$&'()*+;=:] body=",
                                "GET / HTTP/1.1 ka=true [Host: [1:2:3:4:5:6:7:8]:65535] body=")),
                Arguments.of("absolute-form authority wins: any valid Host is accepted beside it",
                        "GET http://target.example:8080?q HTTP/1.1\r\nHost: other\r\n\r\n",
                        List.of("GET http://target.example:8080?q HTTP/1.1 ka=true [Host: other] body=")),
                Arguments.of("empty Host is grammatical and accepted",
                        "GET / HTTP/1.1\r\nHost:\r\n\r\n", List.of("GET / HTTP/1.1 ka=true [Host: ] body=")),
                Arguments.of("CONNECT in authority-form",
                        "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n",
                        List.of("CONNECT a.example:443 HTTP/1.1 ka=true [Host: a.example:443] body=")),
                Arguments.of("chunk-ext to the letter: BWS, token and quoted values with escapes",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0000000000000000000000003 \t; a = b ;c;d=\"x\\\"; y\"\t;e\r\nabc\r\n0;last\r\n\r\n",
                        List.of("POST / HTTP/1.1 ka=true [Host: a|Transfer-Encoding: chunked] body=abc")),
                Arguments.of("Content-Length: 0", "DELETE /d HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
                        List.of("DELETE /d HTTP/1.1 ka=true [Host: a|Content-Length: 0] body=")),
                Arguments.of("pipelined", GET + POST + "\r\n" + CHUNKED + GET_10,
                        List.of("GET /plaintext HTTP/1.1 ka=true [Host: a] body=",
                                "POST /work HTTP/1.1 ka=true [Host: a|Content-Type: application/json"
                                        + "|Content-Length: 13] body={\"payload\":1}",
                                "POST /work HTTP/1.1 ka=true [Host: a|Transfer-Encoding: chunked] body=hello world",
                                "GET / HTTP/1.0 ka=false [] body=")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void parsesWhole(String name, String wire, List<String> expected) {
        ParserFeed.Outcome whole = ParserFeed.feed(LIMITS, bytes(wire));
        assertEquals(0, whole.status(), "no error");
        assertEquals(expected, whole.requests());
        assertEquals(wire.length(), whole.ends().getLast(), "last request ends at the end of the stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void sameResultAtEverySplitOffset(String name, String wire, List<String> expected) {
        byte[] b = bytes(wire);
        ParserFeed.Outcome whole = ParserFeed.feed(LIMITS, b);
        for (int at = 0; at <= b.length; at++) {
            assertEquals(whole, ParserFeed.feedSplit(LIMITS, b, at), "split at " + at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void sameResultOneByteAtATime(String name, String wire, List<String> expected) {
        byte[] b = bytes(wire);
        assertEquals(ParserFeed.feed(LIMITS, b), ParserFeed.feedBytewise(LIMITS, b));
    }

    @Test
    void pipelinedRequestsStopAtTheirOwnEnd() {
        String wire = GET + POST + "\r\n" + CHUNKED + GET_10;
        int afterGet = GET.length();
        int afterPost = afterGet + POST.length();
        int afterChunked = afterPost + 2 + CHUNKED.length();
        List<Integer> expected = List.of(afterGet, afterPost, afterChunked, wire.length());
        assertEquals(expected, ParserFeed.feed(LIMITS, bytes(wire)).ends());
        assertEquals(expected, ParserFeed.feedBytewise(LIMITS, bytes(wire)).ends());
    }

    @Test
    void bodyBytesAreExact() {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        String head = "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 256\r\n\r\n";
        ByteBuffer in = ByteBuffer.allocate(head.length() + 256 + GET.length());
        in.put(bytes(head)).put(payload).put(bytes(GET)).flip();
        HttpRequestParser parser = new HttpRequestParser(LIMITS);
        assertEquals(HttpRequestParser.Result.REQUEST, parser.parse(in));
        assertArrayEquals(payload, parser.request().body());
        assertEquals(head.length() + 256, in.position());
    }

    @Test
    void midRequestTracksPartialRequests() {
        HttpRequestParser parser = new HttpRequestParser(LIMITS);
        assertFalse(parser.midRequest(), "fresh parser");
        assertEquals(HttpRequestParser.Result.NEED_MORE, parser.parse(ByteBuffer.wrap(bytes("\r\n\r"))));
        assertFalse(parser.midRequest(), "empty lines before a request are not a request");
        assertEquals(HttpRequestParser.Result.NEED_MORE, parser.parse(ByteBuffer.wrap(bytes("\nG"))));
        assertTrue(parser.midRequest(), "first byte of a request line");
        ByteBuffer rest = ByteBuffer.wrap(bytes("ET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nx"));
        assertEquals(HttpRequestParser.Result.NEED_MORE, parser.parse(rest));
        assertTrue(parser.midRequest(), "inside the body");
        assertEquals(HttpRequestParser.Result.REQUEST, parser.parse(ByteBuffer.wrap(bytes("y"))));
        assertFalse(parser.midRequest(), "reset after the request");
        assertEquals("xy", new String(parser.request().body()));
    }

    /** What the minimum request data rate reads: in a body (chunks and trailers too) or not, and its bytes so far. */
    @Test
    void inBodyAndBodyBytesTrackTheBodyBeingReceived() {
        HttpRequestParser parser = new HttpRequestParser(LIMITS);
        assertEquals(HttpRequestParser.Result.NEED_MORE,
                parser.parse(ByteBuffer.wrap(bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"))));
        assertFalse(parser.inBody(), "still in the header section");
        assertEquals(HttpRequestParser.Result.NEED_MORE, parser.parse(ByteBuffer.wrap(bytes("\r\n3\r\nab"))));
        assertTrue(parser.inBody());
        assertEquals(2, parser.bodyBytesReceived());
        assertEquals(HttpRequestParser.Result.NEED_MORE, parser.parse(ByteBuffer.wrap(bytes("c\r\n0\r\n"))));
        assertTrue(parser.inBody(), "trailers are still the body's");
        assertEquals(3, parser.bodyBytesReceived());
        assertEquals(HttpRequestParser.Result.REQUEST, parser.parse(ByteBuffer.wrap(bytes("\r\n"))));
        assertFalse(parser.inBody());
        assertEquals(0, parser.bodyBytesReceived());
        assertEquals(HttpRequestParser.Result.ERROR, parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/2.0\r\n"))));
        assertFalse(parser.inBody(), "an error is not a body");
    }

    @Test
    void requestAndErrorOnlyWhenAvailable() {
        HttpRequestParser parser = new HttpRequestParser(LIMITS);
        assertThrows(IllegalStateException.class, parser::request);
        assertThrows(IllegalStateException.class, parser::error);
        assertEquals(HttpRequestParser.Result.REQUEST, parser.parse(ByteBuffer.wrap(bytes(GET))));
        parser.request();
        assertEquals(HttpRequestParser.Result.NEED_MORE, parser.parse(ByteBuffer.wrap(bytes("GET"))));
        assertThrows(IllegalStateException.class, parser::request, "request() belongs to the last parse()");
    }

    @Test
    void errorStateIsSticky() {
        HttpRequestParser parser = new HttpRequestParser(LIMITS);
        assertEquals(HttpRequestParser.Result.ERROR, parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/2.0\r\n"))));
        HttpParseException first = parser.error();
        assertEquals(505, first.status());
        ByteBuffer valid = ByteBuffer.wrap(bytes(GET));
        assertEquals(HttpRequestParser.Result.ERROR, parser.parse(valid));
        assertEquals(0, valid.position(), "nothing consumed after an error");
        assertSame(first, parser.error());
        assertTrue(parser.midRequest());
    }

    /** RFC 9112 §3.2.2: the absolute-form target's authority wins over Host; §3.3: otherwise Host names it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("authorities")
    void authorityAndPathOfEachTargetForm(String wire, String authority, String path) {
        HttpRequestParser parser = new HttpRequestParser(LIMITS);
        assertEquals(HttpRequestParser.Result.REQUEST, parser.parse(ByteBuffer.wrap(bytes(wire))));
        assertEquals(authority, parser.request().authority());
        assertEquals(path, parser.request().path());
    }

    static Stream<Arguments> authorities() {
        return Stream.of(
                Arguments.of("GET http://t.example:8080/p?q HTTP/1.1\r\nHost: other\r\n\r\n", "t.example:8080", "/p"),
                Arguments.of("GET HTTPS://[::1]?q HTTP/1.1\r\nHost: other\r\n\r\n", "[::1]", "/"),
                Arguments.of("GET /json?x HTTP/1.1\r\nHost: h:1\r\n\r\n", "h:1", "/json"),
                Arguments.of("GET /json HTTP/1.0\r\n\r\n", "", "/json"),
                Arguments.of("CONNECT c.example:443 HTTP/1.1\r\nHost: c.example:443\r\n\r\n", "c.example:443",
                        "c.example:443"),
                Arguments.of("OPTIONS * HTTP/1.1\r\nHost: o\r\n\r\n", "o", "*"));
    }
}

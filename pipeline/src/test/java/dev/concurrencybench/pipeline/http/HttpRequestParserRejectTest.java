package dev.concurrencybench.pipeline.http;

import static dev.concurrencybench.pipeline.http.ParserFeed.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad request gets its exact RFC 9112 status, whether it arrives whole, in two pieces cut at any
 * offset, or one byte at a time.
 */
class HttpRequestParserRejectTest {

    /** Small limits: 32-byte request line, 128-byte header section, 4 fields, 16-byte body. */
    static final HttpLimits SMALL = new HttpLimits(32, 128, 4, 16, 1_000, 1_000);
    private static final HttpLimits DEFAULTS = HttpLimits.defaults();

    private static final String POST = "POST / HTTP/1.1\r\nHost: a\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("CL and TE", 400, POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello"),
                bad("TE and CL", 400, POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"),
                bad("conflicting CL fields", 400, POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello"),
                bad("conflicting CL list", 400, POST + "Content-Length: 5, 6\r\n\r\nhello"),
                bad("identical CL fields", 400, POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                bad("identical CL list", 400, POST + "Content-Length: 5,5\r\n\r\nhello"),
                bad("CL with sign", 400, POST + "Content-Length: +5\r\n\r\nhello"),
                bad("CL negative", 400, POST + "Content-Length: -1\r\n\r\n"),
                bad("CL not digits", 400, POST + "Content-Length: 5a\r\n\r\nhello"),
                bad("CL hex", 400, POST + "Content-Length: 0x5\r\n\r\nhello"),
                bad("CL empty", 400, POST + "Content-Length: \r\n\r\n"),
                bad("CL empty list element", 400, POST + "Content-Length: 5,\r\n\r\nhello"),
                bad("CL overflows long", 400, POST + "Content-Length: 99999999999999999999\r\n\r\n"),
                bad("CL above body limit", 413, POST + "Content-Length: 1048577\r\n\r\n"),
                bad("chunk size not hex", 400, CHUNKED + "zz\r\n"),
                bad("chunk size empty", 400, CHUNKED + "\r\n"),
                bad("chunk size then junk", 400, CHUNKED + "5 x\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size negative", 400, CHUNKED + "-5\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size overflows 63 bits", 400, CHUNKED + "8000000000000000\r\n"),
                bad("chunk size overflows long", 400, CHUNKED + "ffffffffffffffffff\r\n"),
                bad("chunk size at 63 bits is too large, not wrapped", 413, CHUNKED + "7fffffffffffffff\r\n"),
                bad("chunk size with leading zeros then too large", 413, CHUNKED + "00000000000000000100001\r\n"),
                bad("chunk size with 0x prefix", 400, CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext bare semicolon", 400, CHUNKED + "5;\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext semicolon then space only", 400, CHUNKED + "5; \r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext second bare semicolon", 400, CHUNKED + "5;a;\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext unterminated quoted-string", 400, CHUNKED + "5;a=\"b\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext quoted-string escaping the end", 400, CHUNKED + "5;a=\"b\\\"\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext empty value", 400, CHUNKED + "5;a=\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext value not a token", 400, CHUNKED + "5;a=b@c\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext name not a token", 400, CHUNKED + "5;a/b\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext text after a quoted value", 400, CHUNKED + "5;a=\"b\"c\r\nhello\r\n0\r\n\r\n"),
                bad("chunk-ext trailing whitespace", 400, CHUNKED + "5;a \r\nhello\r\n0\r\n\r\n"),
                bad("whitespace after size without extension", 400, CHUNKED + "5 \r\nhello\r\n0\r\n\r\n"),
                bad("tab after size without extension", 400, CHUNKED + "5\t\r\nhello\r\n0\r\n\r\n"),
                bad("last chunk with bare semicolon", 400, CHUNKED + "0;\r\n\r\n"),
                bad("trailer with space before colon", 400, CHUNKED + "0\r\nX-T : v\r\n\r\n"),
                bad("trailer with obs-fold", 400, CHUNKED + "0\r\nX-T: v\r\n w\r\n\r\n"),
                bad("trailer without colon", 400, CHUNKED + "0\r\nX-T\r\n\r\n"),
                bad("trailer with control char", 400, CHUNKED + "0\r\nX-T: a\u0001\r\n\r\n"),
                bad("chunk data without CRLF", 400, CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n"),
                bad("chunk data with bare LF", 400, CHUNKED + "5\r\nhello\n0\r\n\r\n"),
                bad("chunk line too long", 400, CHUNKED + "5;" + "x".repeat(HttpRequestParser.MAX_CHUNK_LINE_BYTES)),
                bad("chunk extension with bare CR", 400, CHUNKED + "5;a\rb\r\nhello\r\n"),
                bad("obs-fold", 400, POST + "X-A: a\r\n  folded\r\n\r\n"),
                bad("obs-fold with tab first line", 400, "GET / HTTP/1.1\r\n\tHost: a\r\n\r\n"),
                bad("whitespace before colon", 400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                bad("tab before colon", 400, "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n"),
                bad("parenthesis in field name", 400, "GET / HTTP/1.1\r\nHo(st: a\r\n\r\n"),
                bad("non-ASCII in field name", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-\u00e9: 1\r\n\r\n"),
                bad("empty field name", 400, "GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n"),
                bad("field line without colon", 400, "GET / HTTP/1.1\r\nHost a\r\n\r\n"),
                bad("control char in field value", 400, "GET / HTTP/1.1\r\nHost: a\u0001b\r\n\r\n"),
                bad("DEL in field value", 400, "GET / HTTP/1.1\r\nHost: a\u007f\r\n\r\n"),
                bad("NUL in request line", 400, "GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("NUL in field value", 400, "GET / HTTP/1.1\r\nHost: a\0\r\n\r\n"),
                bad("bare CR in request line", 400, "GET / HTTP/1.1\rHost: a\r\n\r\n"),
                bad("bare CR in field value", 400, "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"),
                bad("bare LF line ending", 400, "GET / HTTP/1.1\nHost: a\n\n"),
                bad("bare LF ending the header section", 400, "GET / HTTP/1.1\r\nHost: a\r\n\n"),
                bad("missing Host in 1.1", 400, "GET / HTTP/1.1\r\nX-A: b\r\n\r\n"),
                bad("two Host fields", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                bad("two identical Host fields", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n"),
                bad("two Host fields in 1.0", 400, "GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n"),
                bad("invalid Host in 1.0", 400, "GET / HTTP/1.0\r\nHost: a/b\r\n\r\n"),
                bad("Host with userinfo", 400, "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n"),
                bad("Host with a path", 400, "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"),
                bad("Host as a list", 400, "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n"),
                bad("Host as a list without space", 400, "GET / HTTP/1.1\r\nHost: a,b\r\n\r\n"),
                bad("Host with inner space", 400, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                bad("Host with inner tab", 400, "GET / HTTP/1.1\r\nHost: a\tb\r\n\r\n"),
                bad("Host with non-digit port", 400, "GET / HTTP/1.1\r\nHost: a:8o\r\n\r\n"),
                bad("Host with signed port", 400, "GET / HTTP/1.1\r\nHost: a:+80\r\n\r\n"),
                bad("Host with port above 65535", 400, "GET / HTTP/1.1\r\nHost: a:65536\r\n\r\n"),
                bad("Host with two ports", 400, "GET / HTTP/1.1\r\nHost: a:1:2\r\n\r\n"),
                bad("Host with only a port", 400, "GET / HTTP/1.1\r\nHost: :80\r\n\r\n"),
                bad("Host with a query", 400, "GET / HTTP/1.1\r\nHost: a?b\r\n\r\n"),
                bad("Host with a fragment", 400, "GET / HTTP/1.1\r\nHost: a#b\r\n\r\n"),
                bad("Host with a bad pct-encoding", 400, "GET / HTTP/1.1\r\nHost: a%4\r\n\r\n"),
                bad("Host with non-ASCII", 400, "GET / HTTP/1.1\r\nHost: caf\u00e9\r\n\r\n"),
                bad("Host IPv6 unbracketed", 400, "GET / HTTP/1.1\r\nHost: ::1\r\n\r\n"),
                bad("Host IPv6 unclosed", 400, "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n"),
                bad("Host IPv6 with a zone", 400, "GET / HTTP/1.1\r\nHost: [fe80::1%eth0]\r\n\r\n"),
                bad("Host IPv6 two elisions", 400, "GET / HTTP/1.1\r\nHost: [1::2::3]\r\n\r\n"),
                bad("Host IPv6 nine groups", 400, "GET / HTTP/1.1\r\nHost: [1:2:3:4:5:6:7:8:9]\r\n\r\n"),
                bad("Host IPv6 five-digit group", 400, "GET / HTTP/1.1\r\nHost: [12345::]\r\n\r\n"),
                bad("Host IPv6 bad embedded IPv4", 400, "GET / HTTP/1.1\r\nHost: [::ffff:1.2.3.256]\r\n\r\n"),
                bad("Host junk after IP-literal", 400, "GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n"),
                bad("Host IPvFuture without address", 400, "GET / HTTP/1.1\r\nHost: [v1.]\r\n\r\n"),
                bad("TE in HTTP/1.0", 400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad("unknown transfer coding alone: chunked not final", 400, POST + "Transfer-Encoding: gzip\r\n\r\n"),
                bad("chunked then gzip: chunked not final", 400, POST + "Transfer-Encoding: chunked, gzip\r\n\r\n"),
                bad("chunked with a parameter is not chunked", 400, POST + "Transfer-Encoding: chunked;q=1\r\n\r\n"),
                bad("gzip then chunked", 501, POST + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"),
                bad("chunked twice", 400, POST + "Transfer-Encoding: chunked, chunked\r\n\r\n"),
                bad("empty transfer coding", 400, POST + "Transfer-Encoding: ,\r\n\r\n"),
                bad("HTTP/2.0", 505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
                bad("HTTP/3.0", 505, "GET / HTTP/3.0\r\nHost: a\r\n\r\n"),
                bad("HTTP/0.9", 505, "GET / HTTP/0.9\r\nHost: a\r\n\r\n"),
                bad("HTTP/1.11", 400, "GET / HTTP/1.11\r\nHost: a\r\n\r\n"),
                bad("HTTP/01.1", 400, "GET / HTTP/01.1\r\nHost: a\r\n\r\n"),
                bad("HTTP/1", 400, "GET / HTTP/1\r\nHost: a\r\n\r\n"),
                bad("Http/1.1", 400, "GET / Http/1.1\r\nHost: a\r\n\r\n"),
                bad("HTTP/1.a", 400, "GET / HTTP/1.a\r\nHost: a\r\n\r\n"),
                bad("HTTP/2 preface", 505, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                bad("lower-case version", 400, "GET / http/1.1\r\nHost: a\r\n\r\n"),
                bad("version with trailing junk", 400, "GET / HTTP/1.10\r\nHost: a\r\n\r\n"),
                bad("missing version", 400, "GET /\r\nHost: a\r\n\r\n"),
                bad("trailing space after version", 400, "GET / HTTP/1.1 \r\nHost: a\r\n\r\n"),
                bad("double space", 400, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("invalid method", 400, "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("method with non-ASCII", 400, "G\u00c9T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("empty method", 400, " / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("method over the length limit", 501,
                        "X".repeat(RequestLine.MAX_METHOD_BYTES + 1) + " / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("fragment in target", 400, "GET /plaintext#top HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("fragment in absolute-form", 400, "GET http://a/p#f HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("bad percent-encoding", 400, "GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("non-hex percent-encoding", 400, "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("backslash in target", 400, "GET /a\\b HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("quote in target", 400, "GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("absolute-form with userinfo", 400, "GET http://u@a/p HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("absolute-form with empty host", 400, "GET http:///p HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("absolute-form with bad port", 400, "GET http://a:8x/p HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("absolute-form still needs Host", 400, "GET http://a/p HTTP/1.1\r\n\r\n"),
                bad("absolute-form with an invalid Host", 400, "GET http://a/p HTTP/1.1\r\nHost: a b\r\n\r\n"),
                bad("other scheme", 400, "GET ftp://a/p HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("authority-form without CONNECT", 400, "GET a:80 HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("CONNECT without port", 400, "CONNECT a HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("relative target", 400, "GET foo HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("asterisk without OPTIONS", 400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("non-ASCII target", 400, "GET /\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("too many leading empty lines",
                        400, "\r\n".repeat(HttpRequestParser.MAX_LEADING_EMPTY_LINES + 1) + "GET / HTTP/1.0\r\n\r\n"),
                small("request line too long", 414, "GET /" + "a".repeat(28) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
                small("request line too long, no CRLF yet", 414, "GET /" + "a".repeat(40)),
                small("header section too large", 431, "GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(120)),
                small("too many header fields", 431, "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),
                small("trailers over the header budget", 431, CHUNKED + "0\r\nX: " + "t".repeat(90) + "\r\n\r\n"),
                small("trailers over the field count", 431, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                        + "\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"),
                small("CL above body limit", 413, POST + "Content-Length: 17\r\n\r\n"),
                small("chunks above body limit", 413, CHUNKED + "a\r\n0123456789\r\n7\r\n0123456\r\n0\r\n\r\n"),
                small("one chunk above body limit", 413, CHUNKED + "11\r\n"),
                small("bad request after a good one", 400, "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\n\r\n"));
    }

    private static Arguments bad(String name, int status, String wire) {
        return Arguments.of(name, status, wire, DEFAULTS);
    }

    private static Arguments small(String name, int status, String wire) {
        return Arguments.of(name, status, wire, SMALL);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void rejectedWhole(String name, int status, String wire, HttpLimits limits) {
        ParserFeed.Outcome outcome = ParserFeed.feed(limits, bytes(wire));
        assertEquals(status, outcome.status());
        int goodBefore = name.startsWith("bad request after") ? 1 : 0;
        assertEquals(goodBefore, outcome.requests().size(), "requests before the error");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void rejectedOneByteAtATime(String name, int status, String wire, HttpLimits limits) {
        assertEquals(ParserFeed.feed(limits, bytes(wire)), ParserFeed.feedBytewise(limits, bytes(wire)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void rejectedAtEverySplitOffset(String name, int status, String wire, HttpLimits limits) {
        byte[] b = bytes(wire);
        ParserFeed.Outcome whole = ParserFeed.feed(limits, b);
        for (int at = 0; at <= b.length; at++) {
            assertEquals(whole, ParserFeed.feedSplit(limits, b, at), "split at " + at);
        }
    }

    /** The limits are refusals at the boundary, not before it: exactly at each limit is accepted. */
    static Stream<Arguments> atTheLimit() {
        return Stream.of(
                Arguments.of("request line of exactly 32 bytes", "GET /" + "a".repeat(18) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("header section of exactly 128 bytes",
                        "GET / HTTP/1.1\r\nHost: a\r\nX: " + "v".repeat(128 - 9 - 5) + "\r\n\r\n"),
                Arguments.of("exactly 4 fields", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"),
                Arguments.of("Content-Length of exactly 16", POST + "Content-Length: 16\r\n\r\n0123456789abcdef"),
                Arguments.of("chunks totalling exactly 16", CHUNKED + "a\r\n0123456789\r\n6\r\nabcdef\r\n0\r\n\r\n"),
                Arguments.of("leading empty lines at the bound",
                        "\r\n".repeat(HttpRequestParser.MAX_LEADING_EMPTY_LINES) + "GET / HTTP/1.0\r\n\r\n"),
                Arguments.of("chunk size of 40 hex digits of zero", CHUNKED + "0".repeat(40) + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atTheLimit")
    void acceptedAtTheLimit(String name, String wire) {
        assertTrue(bytes(wire).length > 0);
        ParserFeed.Outcome outcome = ParserFeed.feedBytewise(SMALL, bytes(wire));
        assertEquals(0, outcome.status(), "no error");
        assertEquals(List.of(wire.length()), outcome.ends());
    }
}

package dev.concurrencybench.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The write stage's bytes: status line, the fixed header order, Connection semantics, body verbatim. */
class HttpResponseEncoderTest {

    private static final Pattern DATE_LINE = Pattern.compile("\r\nDate: ([^\r\n]*)\r\n");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final HttpResponseEncoder encoder = new HttpResponseEncoder();

    /** The encoded text with the Date value replaced by {@code <date>}, after checking that value. */
    private static String withoutDate(byte[] encoded) {
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        Matcher m = DATE_LINE.matcher(text);
        assertTrue(m.find(), "a Date header");
        long dateSecond = ZonedDateTime.parse(m.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        long now = System.currentTimeMillis() / 1000;
        assertTrue(dateSecond <= now && dateSecond >= now - 2, "Date is the current second: " + m.group(1));
        return m.replaceFirst("\r\nDate: <date>\r\n");
    }

    @Test
    void okResponse() {
        byte[] out = encoder.encode(HttpResponse.of(200, "text/plain", HELLO), HttpVersion.HTTP_1_1, false);
        assertEquals("HTTP/1.1 200 OK\r\nServer: concurrency-bench\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 13\r\n\r\nHello, World!", withoutDate(out));
    }

    @Test
    void methodNotAllowedCarriesAllowAfterTheFixedHeaders() {
        byte[] body = "{\"error\":\"method not allowed\"}".getBytes(StandardCharsets.US_ASCII);
        HttpResponse r = new HttpResponse(405, "application/json", body,
                List.of(new HttpHeaders.Field("Allow", "GET")), false);
        assertEquals("HTTP/1.1 405 Method Not Allowed\r\nServer: concurrency-bench\r\nDate: <date>\r\n"
                + "Content-Type: application/json\r\nContent-Length: 30\r\nAllow: GET\r\n\r\n"
                + "{\"error\":\"method not allowed\"}", withoutDate(encoder.encode(r, HttpVersion.HTTP_1_1, false)));
    }

    @Test
    void closingResponseSaysConnectionClose() {
        String expected = "HTTP/1.1 200 OK\r\nServer: concurrency-bench\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 13\r\nConnection: close\r\n\r\nHello, World!";
        HttpResponse r = HttpResponse.of(200, "text/plain", HELLO);
        assertEquals(expected, withoutDate(encoder.encode(r, HttpVersion.HTTP_1_1, true)));
        assertEquals(expected, withoutDate(encoder.encode(r, HttpVersion.HTTP_1_0, true)), "close wins over 1.0");
    }

    @Test
    void http10KeptAliveSaysSo() {
        assertEquals("HTTP/1.1 200 OK\r\nServer: concurrency-bench\r\nDate: <date>\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 13\r\nConnection: keep-alive\r\n\r\nHello, World!",
                withoutDate(encoder.encode(HttpResponse.of(200, "text/plain", HELLO), HttpVersion.HTTP_1_0, false)));
    }

    @Test
    void everyStatusTheSuiteSendsHasItsReasonPhrase() {
        int[] statuses = {200, 400, 404, 405, 408, 413, 414, 415, 431, 500, 501, 503, 505};
        String[] reasons = {"OK", "Bad Request", "Not Found", "Method Not Allowed", "Request Timeout",
                "Content Too Large", "URI Too Long", "Unsupported Media Type", "Request Header Fields Too Large",
                "Internal Server Error", "Not Implemented", "Service Unavailable", "HTTP Version Not Supported"};
        for (int i = 0; i < statuses.length; i++) {
            byte[] out = encoder.encode(HttpResponse.of(statuses[i], "application/json", new byte[0]),
                    HttpVersion.HTTP_1_1, false);
            String statusLine = "HTTP/1.1 " + statuses[i] + " " + reasons[i] + "\r\n";
            assertTrue(new String(out, StandardCharsets.US_ASCII).startsWith(statusLine), statusLine);
        }
    }

    @Test
    void bodyIsCopiedVerbatimAndContentLengthCountsBytes() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) body[i] = (byte) i;
        byte[] out = encoder.encode(HttpResponse.of(200, "application/octet-stream", body), HttpVersion.HTTP_1_1,
                false);
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("\r\nContent-Length: 256\r\n"));
        assertArrayEquals(body, Arrays.copyOfRange(out, out.length - 256, out.length));
        assertEquals(text.indexOf("\r\n\r\n") + 4, out.length - 256, "body follows the blank line directly");

        byte[] utf8 = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        String enc = new String(encoder.encode(HttpResponse.of(200, "text/plain", utf8), HttpVersion.HTTP_1_1, false),
                StandardCharsets.ISO_8859_1);
        assertTrue(enc.contains("\r\nContent-Length: 5\r\n"), "bytes, not characters");
    }

    @Test
    void encodingIntoABufferGivesTheSameBytesWithinMaxLength() {
        HttpResponse[] responses = {
                HttpResponse.of(200, "text/plain", HELLO),
                new HttpResponse(405, "application/json", "{}".getBytes(StandardCharsets.US_ASCII),
                        List.of(new HttpHeaders.Field("Allow", "GET, HEAD")), false),
                HttpResponse.of(299, "text/plain", new byte[12_345])};
        for (HttpResponse r : responses) {
            for (HttpVersion v : HttpVersion.values()) {
                for (boolean close : new boolean[] {false, true}) {
                    for (boolean withBody : new boolean[] {false, true}) {
                        byte[] whole = encoder.encode(r, v, close, withBody);
                        int max = encoder.maxLength(r, v, close, withBody);
                        assertTrue(whole.length <= max, whole.length + " > maxLength " + max);
                        java.nio.ByteBuffer dst = java.nio.ByteBuffer.allocate(max + 7).position(7);
                        encoder.encode(r, v, close, withBody, dst);
                        assertEquals(withoutDate(whole), withoutDate(Arrays.copyOfRange(dst.array(), 7, dst.position())));
                    }
                }
            }
        }
    }

    @Test
    void headerCharactersOutsideUsAsciiAreWrittenAsQuestionMarks() {
        HttpResponse r = new HttpResponse(200, "text/plain", HELLO, List.of(new HttpHeaders.Field("X-Caf\u00e9", "\u00e9t\u00e9")), false);
        String text = new String(encoder.encode(r, HttpVersion.HTTP_1_1, false), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("\r\nX-Caf?: ?t?\r\n"), text);
        assertTrue(new String(encoder.encode(HttpResponse.of(299, "text/plain", HELLO), HttpVersion.HTTP_1_1, false),
                StandardCharsets.US_ASCII).startsWith("HTTP/1.1 299 Unknown\r\nServer: concurrency-bench\r\n"));
    }
}

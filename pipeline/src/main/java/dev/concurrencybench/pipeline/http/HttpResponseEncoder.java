package dev.concurrencybench.pipeline.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes {@link HttpResponse}s to HTTP/1.1 bytes: status line, {@code Server}, {@code Date} (cached per second),
 * {@code Content-Type}, {@code Content-Length}, the endpoint's extra headers and, when the connection is to close,
 * {@code Connection: close}.
 *
 * <p>The bytes go straight into the caller's buffer ({@link #encode(HttpResponse, HttpVersion, boolean, boolean,
 * ByteBuffer)}): the status line with the {@code Server} field is a precomputed byte array per status, the
 * {@code Date} value is {@link DateHeader}'s cached array, and nothing else is allocated per response. Header values
 * are US-ASCII; a character outside it is written as {@code ?} (what {@code String.getBytes(US_ASCII)} does).
 *
 * <p>Threading: stateless apart from the lock-free {@link DateHeader}; one instance serves every thread.
 */
public final class HttpResponseEncoder {

    /** The {@code Server} header value, identical on every model so responses compare byte for byte. */
    public static final String SERVER = "concurrency-bench";

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    /** {@code "HTTP/1.1 <status> <reason>\r\nServer: …\r\nDate: "} for statuses 100..999, built on first use. */
    private static final byte[][] HEAD_PREFIX = new byte[1000][];

    static {
        for (int status : REASONS.keySet()) HEAD_PREFIX[status] = headPrefix(status);
    }

    private static final byte[] CONTENT_TYPE = ascii("\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");

    private final DateHeader date = new DateHeader();

    /**
     * @param response        what to send
     * @param requestVersion  the request's version; an HTTP/1.0 keep-alive answer says {@code Connection: keep-alive}
     *                        (RFC 9112 §9.3), since 1.0 clients close by default
     * @param close           whether the server closes the connection after this response
     * @return the complete response bytes
     */
    public byte[] encode(HttpResponse response, HttpVersion requestVersion, boolean close) {
        return encode(response, requestVersion, close, true);
    }

    /**
     * As {@link #encode(HttpResponse, HttpVersion, boolean)}, but with {@code withBody} false for the answer to a
     * HEAD: the same status and header fields, {@code Content-Length} included (RFC 9110 §8.6: it then indicates
     * the size GET would have sent), and no body (RFC 9110 §9.3.2).
     */
    public byte[] encode(HttpResponse response, HttpVersion requestVersion, boolean close, boolean withBody) {
        byte[] dateValue = date.current();
        byte[] out = new byte[length(response, requestVersion, close, withBody, dateValue.length)];
        write(response, requestVersion, close, withBody, dateValue, ByteBuffer.wrap(out));
        return out;
    }

    /**
     * Writes the response into {@code dst} (from its position, which it advances), growing nothing: {@code dst}
     * must have at least {@link #maxLength} bytes of room.
     */
    public void encode(HttpResponse response, HttpVersion requestVersion, boolean close, boolean withBody,
                       ByteBuffer dst) {
        write(response, requestVersion, close, withBody, date.current(), dst);
    }

    /**
     * An upper bound of the encoded size in bytes (the {@code Date} value has a fixed width), to reserve room
     * before {@link #encode(HttpResponse, HttpVersion, boolean, boolean, ByteBuffer)}.
     */
    public int maxLength(HttpResponse response, HttpVersion requestVersion, boolean close, boolean withBody) {
        return length(response, requestVersion, close, withBody, DateHeader.MAX_LENGTH);
    }

    private static int length(HttpResponse response, HttpVersion requestVersion, boolean close, boolean withBody,
                              int dateLength) {
        int bodyLength = response.body().length;
        int n = prefix(response.status()).length + dateLength
                + CONTENT_TYPE.length + response.contentType().length()
                + CONTENT_LENGTH.length + decimalDigits(bodyLength) + CRLF.length;
        List<HttpHeaders.Field> extra = response.extraHeaders();
        for (int i = 0; i < extra.size(); i++) {
            HttpHeaders.Field f = extra.get(i);
            n += f.name().length() + COLON_SP.length + f.value().length() + CRLF.length;
        }
        if (close) {
            n += CONNECTION_CLOSE.length;
        } else if (requestVersion == HttpVersion.HTTP_1_0) {
            n += CONNECTION_KEEP_ALIVE.length;
        }
        n += CRLF.length;
        return withBody ? n + bodyLength : n;
    }

    private static void write(HttpResponse response, HttpVersion requestVersion, boolean close, boolean withBody,
                              byte[] dateValue, ByteBuffer dst) {
        byte[] body = response.body();
        dst.put(prefix(response.status())).put(dateValue);
        dst.put(CONTENT_TYPE);
        putAscii(dst, response.contentType());
        dst.put(CONTENT_LENGTH);
        putDecimal(dst, body.length);
        dst.put(CRLF);
        List<HttpHeaders.Field> extra = response.extraHeaders();
        for (int i = 0; i < extra.size(); i++) {
            HttpHeaders.Field f = extra.get(i);
            putAscii(dst, f.name());
            dst.put(COLON_SP);
            putAscii(dst, f.value());
            dst.put(CRLF);
        }
        if (close) {
            dst.put(CONNECTION_CLOSE);
        } else if (requestVersion == HttpVersion.HTTP_1_0) {
            dst.put(CONNECTION_KEEP_ALIVE);
        }
        dst.put(CRLF);
        if (withBody) dst.put(body);
    }

    private static byte[] prefix(int status) {
        byte[] p = status >= 100 && status <= 999 ? HEAD_PREFIX[status] : null;
        // Statuses outside REASONS are never sent by the suite; build theirs on the spot rather than cache racily.
        return p != null ? p : headPrefix(status);
    }

    private static byte[] headPrefix(int status) {
        return ascii("HTTP/1.1 " + status + " " + REASONS.getOrDefault(status, "Unknown") + "\r\nServer: " + SERVER
                + "\r\nDate: ");
    }

    private static void putAscii(ByteBuffer dst, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            dst.put(c < 0x80 ? (byte) c : (byte) '?');
        }
    }

    private static int decimalDigits(int v) {
        int digits = 1;
        while (v >= 10) {
            v /= 10;
            digits++;
        }
        return digits;
    }

    private static void putDecimal(ByteBuffer dst, int v) {
        int digits = decimalDigits(v);
        int at = dst.position() + digits;
        for (int i = 1; i <= digits; i++) {
            dst.put(at - i, (byte) ('0' + v % 10));
            v /= 10;
        }
        dst.position(at);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

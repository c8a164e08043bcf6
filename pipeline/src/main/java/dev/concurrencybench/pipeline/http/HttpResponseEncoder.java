package dev.concurrencybench.pipeline.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes {@link HttpResponse}s to HTTP/1.1 bytes: status line, {@code Server}, {@code Date} (cached per second),
 * {@code Content-Type}, {@code Content-Length}, the endpoint's extra headers and, when the connection is to close,
 * {@code Connection: close}.
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
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(REASONS.getOrDefault(response.status(), "Unknown")).append("\r\n");
        head.append("Server: ").append(SERVER).append("\r\n");
        head.append("Date: ").append(new String(date.current(), StandardCharsets.US_ASCII)).append("\r\n");
        head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        for (HttpHeaders.Field f : response.extraHeaders()) {
            head.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        } else if (requestVersion == HttpVersion.HTTP_1_0) {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (!withBody) return headBytes;
        byte[] out = new byte[headBytes.length + response.body().length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(response.body(), 0, out, headBytes.length, response.body().length);
        return out;
    }
}

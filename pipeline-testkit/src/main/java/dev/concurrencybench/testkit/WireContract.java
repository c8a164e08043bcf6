package dev.concurrencybench.testkit;

import java.nio.charset.StandardCharsets;

/**
 * The request fixtures of the wire contract (DESIGN.md, "The wire contract"), as the exact bytes a client
 * sends, plus the exact bodies a server must answer with. Requests are {@code String}s of ISO-8859-1
 * characters so that a fixture can carry NUL, bare CR and other bytes a well-behaved client never sends.
 */
public final class WireContract {

    public static final String PLAINTEXT_BODY = "Hello, World!";
    public static final String JSON_BODY = "{\"message\":\"Hello, World!\"}";

    public static final String GET_PLAINTEXT = get("/plaintext");
    public static final String GET_JSON = get("/json");

    /** The /work body of the contract: a little CPU, I/O wait and blocking over a small payload. */
    public static final String WORK_BODY =
            "{\"cpuIterations\":10,\"ioMicros\":100,\"blockMicros\":100,\"payload\":{\"a\":[1,2,3]}}";
    public static final String POST_WORK = postWork(WORK_BODY);

    /** Largest out-of-range value the suite sends: any sane bound is below it (10 s of waiting). */
    public static final long TOO_MANY_MICROS = 10_000_001L;

    private WireContract() {}

    /** {@code GET path HTTP/1.1} with a Host header and nothing else. */
    public static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** {@code POST /work} with {@code Content-Type: application/json} and a Content-Length body. */
    public static String postWork(String jsonBody) {
        return post("/work", "application/json", jsonBody);
    }

    /** A POST with a Content-Length body (UTF-8 bytes of {@code body}, sent as ISO-8859-1 characters). */
    public static String post(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A /work body with the given parameters and the contract's payload. */
    public static String workBody(long cpuIterations, long ioMicros, long blockMicros) {
        return "{\"cpuIterations\":" + cpuIterations + ",\"ioMicros\":" + ioMicros + ",\"blockMicros\":" + blockMicros
                + ",\"payload\":{\"a\":[1,2,3]}}";
    }

    /**
     * {@link #WORK_BODY} sent chunked in three chunks, one carrying a chunk extension, followed by a trailer
     * field (RFC 9112 §7.1).
     */
    public static String chunkedWork() {
        String body = WORK_BODY;
        String a = body.substring(0, 10);
        String b = body.substring(10, 40);
        String c = body.substring(40);
        return "POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(a.length()) + "\r\n" + a + "\r\n"
                + Integer.toHexString(b.length()) + ";note=\"split here\"\r\n" + b + "\r\n"
                + Integer.toHexString(c.length()).toUpperCase(java.util.Locale.ROOT) + "\r\n" + c + "\r\n"
                + "0\r\nX-Checksum: none\r\n\r\n";
    }
}

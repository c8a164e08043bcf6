package dev.concurrencybench.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** What the wire contract requires of each kind of response; every method fails the test with the response shown. */
public final class ResponseAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** IMF-fixdate, RFC 9110 §5.6.7: the one format a sender may generate. */
    private static final Pattern IMF_FIXDATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} "
                    + "[0-9]{2}:[0-9]{2}:[0-9]{2} GMT");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private ResponseAssertions() {}

    /** 200 text/plain {@code Hello, World!} with the TechEmpower headers. */
    public static void assertPlaintext(RawResponse r) {
        assertEquals(200, r.status(), () -> "GET /plaintext:\n" + r);
        assertEquals("text/plain", r.mediaType(), () -> "Content-Type of /plaintext:\n" + r);
        assertEquals(WireContract.PLAINTEXT_BODY, r.bodyText(), () -> "body of /plaintext:\n" + r);
        assertServerAndDate(r);
    }

    /** 200 application/json {@code {"message":"Hello, World!"}} byte for byte, with the TechEmpower headers. */
    public static void assertJson(RawResponse r) {
        assertEquals(200, r.status(), () -> "GET /json:\n" + r);
        assertEquals("application/json", r.mediaType(), () -> "Content-Type of /json:\n" + r);
        assertEquals(WireContract.JSON_BODY, r.bodyText(), () -> "body of /json:\n" + r);
        assertServerAndDate(r);
    }

    /** Server present; Date present, IMF-fixdate, and plausibly "now" (within a day: a format check, not a timing one). */
    public static void assertServerAndDate(RawResponse r) {
        String server = r.header("Server");
        assertTrue(server != null && !server.isBlank(), () -> "Server header missing:\n" + r);
        assertEquals(1, r.headers("Date").size(), () -> "exactly one Date header expected:\n" + r);
        String date = r.header("Date");
        assertTrue(IMF_FIXDATE.matcher(date).matches(), () -> "Date is not IMF-fixdate (RFC 1123): " + date);
        ZonedDateTime parsed = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration skew = Duration.between(parsed.toInstant(), java.time.Instant.now()).abs();
        assertTrue(skew.compareTo(Duration.ofDays(1)) < 0, () -> "Date is not today: " + date);
        assertEquals(1, r.headers("Content-Length").size(), () -> "exactly one Content-Length expected:\n" + r);
    }

    /**
     * 200 application/json /work answer: a hex digest, a payloadBytes number, and the three parameters echoed.
     *
     * @return the parsed body, for digest comparisons
     */
    public static JsonNode assertWork(RawResponse r, long cpuIterations, long ioMicros, long blockMicros) {
        assertEquals(200, r.status(), () -> "POST /work:\n" + r);
        assertEquals("application/json", r.mediaType(), () -> "Content-Type of /work:\n" + r);
        JsonNode body = parse(r);
        JsonNode digest = body.get("digest");
        assertTrue(digest != null && digest.isTextual() && HEX.matcher(digest.asText()).matches(),
                () -> "digest must be a non-empty hex string:\n" + r);
        JsonNode payloadBytes = body.get("payloadBytes");
        assertTrue(payloadBytes != null && payloadBytes.isIntegralNumber() && payloadBytes.asLong() > 0,
                () -> "payloadBytes must be a positive integer:\n" + r);
        assertNumber(r, body, "cpuIterations", cpuIterations);
        assertNumber(r, body, "ioMicros", ioMicros);
        assertNumber(r, body, "blockMicros", blockMicros);
        return body;
    }

    /** The contract's /work request ({@link WireContract#WORK_BODY}) answered correctly. */
    public static JsonNode assertWork(RawResponse r) {
        return assertWork(r, 10, 100, 100);
    }

    /** An error of {@code status}: application/json with a non-empty string "error" field. */
    public static void assertError(RawResponse r, int status) {
        assertEquals(status, r.status(), () -> "expected " + status + ", got:\n" + r);
        assertEquals("application/json", r.mediaType(), () -> "error Content-Type:\n" + r);
        JsonNode error = parse(r).get("error");
        assertTrue(error != null && error.isTextual() && !error.asText().isBlank(),
                () -> "error body needs a non-empty \"error\" string:\n" + r);
        assertServerAndDate(r);
    }

    /** 405 with an {@code Allow} header listing {@code method}. */
    public static void assertMethodNotAllowed(RawResponse r, String method) {
        assertError(r, 405);
        String allow = r.header("Allow");
        assertNotNull(allow, () -> "405 without Allow:\n" + r);
        boolean listed = false;
        for (String m : allow.split(",")) listed |= m.trim().equals(method);
        assertTrue(listed, () -> "Allow must list " + method + ":\n" + r);
    }

    /** The bytes that came back on a connection the server should not have answered with a 200. */
    public static void assertNotHttp200(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
        assertFalse(head.matches("(?s)HTTP/1\\.[01] 200.*"), () -> "plaintext request got a 200: " + head);
    }

    private static void assertNumber(RawResponse r, JsonNode body, String field, long expected) {
        JsonNode n = body.get(field);
        assertTrue(n != null && n.isIntegralNumber(), () -> field + " must be an integer:\n" + r);
        assertEquals(expected, n.asLong(), () -> field + " not echoed:\n" + r);
    }

    private static JsonNode parse(RawResponse r) {
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node == null || !node.isObject()) fail("body is not a JSON object:\n" + r);
            return node;
        } catch (IOException e) {
            return fail("body is not JSON (" + e.getMessage() + "):\n" + r);
        }
    }
}

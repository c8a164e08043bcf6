package dev.concurrencybench.pipeline.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.json.JsonDecodeException;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives an {@link HttpConnection} the way a server does for the fuzz tests, and checks what it wrote.
 *
 * <p>Requests are answered by the real processor, except that {@code POST /work} only decodes its body: the work
 * itself may legitimately take up to seconds (it is bounded by the JSON limits, which JsonCodecFuzzTest checks),
 * and the fuzz targets are about bytes and framing, not about waiting.
 */
final class FuzzServing {

    private static final JsonCodec JSON = new JsonCodec();
    private static final byte[] WORK_DONE = "{}".getBytes(StandardCharsets.US_ASCII);

    private FuzzServing() {}

    /** Answers every request the connection has buffered; returns them in order. Output is left in the connection. */
    static List<HttpRequest> serve(Pipeline pipeline, HttpConnection conn) {
        List<HttpRequest> served = new ArrayList<>();
        HttpRequest request;
        while ((request = conn.nextRequest()) != null) {
            HttpResponse response;
            if (request.path().equals("/work") && request.method().equals("POST")) {
                try {
                    JSON.decodeWork(request.body());
                    response = HttpResponse.of(200, "application/json", WORK_DONE);
                } catch (JsonDecodeException e) {
                    response = pipeline.processor().error(400, e.getMessage(), List.of());
                }
            } else {
                List<HttpResponse> responses = new ArrayList<>(1);
                pipeline.processor().process(request, WaitStrategy.BLOCKING, responses::add);
                assertEquals(1, responses.size(), "done is called exactly once");
                response = responses.get(0);
            }
            conn.respond(request, response);
            served.add(request);
        }
        return served;
    }

    /**
     * Checks the bytes a connection wrote against the requests it served: one well-framed response per request,
     * without body after a HEAD, then at most one error response with {@code Connection: close} if the connection
     * refused a request, and nothing after a response that closes.
     *
     * @param refused whether the connection ended in a parse error (it must then have written that error)
     */
    static void checkResponses(byte[] output, List<HttpRequest> served, boolean refused) {
        int at = 0;
        int expected = served.size() + (refused ? 1 : 0);
        for (int i = 0; i < expected; i++) {
            int headEnd = indexOf(output, at);
            if (headEnd < 0) fail("response " + i + " of " + expected + " missing or cut: " + text(output, at));
            String head = text(output, at).substring(0, headEnd - at);
            assertTrue(head.startsWith("HTTP/1.1 "), () -> "status line: " + head);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = contentLength(head);
            boolean headRequest = i < served.size() && served.get(i).method().equals("HEAD");
            boolean wasRefused = i == served.size();
            if (wasRefused) {
                assertTrue(status >= 400 && head.contains("\r\nConnection: close"), () -> "refusal: " + head);
            }
            // A HEAD, and a refusal of what began as HEAD, carry no body; anything else carries exactly
            // Content-Length. Which refusals began as HEAD is HttpConnectionHeadTest's business: here a refusal
            // may be either, as long as the output ends right there.
            boolean bodyless = headRequest || (wasRefused && output.length == headEnd + 4);
            at = headEnd + 4 + (bodyless ? 0 : length);
            assertTrue(at <= output.length, () -> "body shorter than Content-Length: " + head);
            if (head.contains("\r\nConnection: close") && at < output.length) fail("bytes after a closing response");
        }
        final int end = at;
        assertEquals(output.length, end, () -> "unexpected bytes after the last response: " + text(output, end));
    }

    private static int contentLength(String head) {
        int i = head.indexOf("\r\nContent-Length: ");
        assertTrue(i >= 0, () -> "no Content-Length: " + head);
        int from = i + 18;
        int to = head.indexOf("\r\n", from);
        return Integer.parseInt(head.substring(from, to < 0 ? head.length() : to));
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
        }
        return -1;
    }

    private static String text(byte[] b, int from) {
        return new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
    }
}

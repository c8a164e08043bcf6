package dev.concurrencybench.pipeline.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The socket side of an {@link HttpConnection}, without a socket: bytes go in through {@link HttpConnection#inbound()}
 * the way a read call would put them (never past {@code remaining()}), and come out of {@link HttpConnection#output()}
 * the way a write call would take them.
 */
final class Wire {

    private static final Pattern DATE = Pattern.compile("\r\nDate: [^\r\n]*\r\n");

    private Wire() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Puts {@code data[from, to)} into the connection, as one or more "reads" bounded by the buffer's room. */
    static void feed(HttpConnection conn, byte[] data, int from, int to) {
        int at = from;
        while (at < to) {
            ByteBuffer in = conn.inbound();
            assertTrue(in.hasRemaining(), "inbound() promises at least one byte of room");
            int n = Math.min(in.remaining(), to - at);
            in.put(data, at, n);
            at += n;
        }
    }

    static void feed(HttpConnection conn, byte[] data) {
        feed(conn, data, 0, data.length);
    }

    /** Everything {@link HttpConnection#output()} holds, consumed as a socket write would. */
    static byte[] drain(HttpConnection conn) {
        ByteBuffer out = conn.output();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        assertEquals(out.hasRemaining(), conn.hasOutput());
        return b;
    }

    /**
     * Answers every request the connection has buffered, as a thread-per-connection server does: process with
     * {@link WaitStrategy#BLOCKING}, respond, repeat until {@code nextRequest()} returns null.
     *
     * @return the requests answered, in order
     */
    static List<HttpRequest> serve(Pipeline pipeline, HttpConnection conn) {
        List<HttpRequest> served = new ArrayList<>();
        HttpRequest request;
        while ((request = conn.nextRequest()) != null) {
            List<HttpResponse> responses = new ArrayList<>(1);
            pipeline.processor().process(request, WaitStrategy.BLOCKING, responses::add);
            assertEquals(1, responses.size(), "done is called exactly once");
            conn.respond(request, responses.get(0));
            served.add(request);
        }
        return served;
    }

    /** The response text with every Date value replaced by {@code <date>} (its format is DateHeaderTest's job). */
    static String normalize(byte[] response) {
        return DATE.matcher(text(response)).replaceAll("\r\nDate: <date>\r\n");
    }

    /** The exact response head + body this suite sends, with the Date value as {@code <date>}. */
    static String response(String status, String contentType, String body, String... extraHeaderLines) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
                .append("Server: concurrency-bench\r\n")
                .append("Date: <date>\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        for (String line : extraHeaderLines) sb.append(line).append("\r\n");
        return sb.append("\r\n").append(body).toString();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}

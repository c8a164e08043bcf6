package dev.concurrencybench.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Feeds a byte stream to one {@link HttpRequestParser} in pieces, the way a socket might deliver it, and records
 * what came out. Checks the buffer contract on the way: NEED_MORE consumed everything, ERROR consumed nothing more.
 */
final class ParserFeed {

    /**
     * @param requests each request in compact form, see {@link #describe}
     * @param ends     for each request, the offset in the whole stream of the first byte after it
     * @param status   the error status, or 0 when no error
     */
    record Outcome(List<String> requests, List<Integer> ends, int status) {}

    private ParserFeed() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The stream cut at each of {@code cuts} (ascending offsets) and fed piece by piece. */
    static Outcome feed(HttpLimits limits, byte[] wire, int... cuts) {
        HttpRequestParser parser = new HttpRequestParser(limits);
        List<String> requests = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int start = 0;
        int[] bounds = Arrays.copyOf(cuts, cuts.length + 1);
        bounds[cuts.length] = wire.length;
        for (int end : bounds) {
            ByteBuffer piece = ByteBuffer.wrap(Arrays.copyOfRange(wire, start, end));
            while (true) {
                HttpRequestParser.Result result = parser.parse(piece);
                if (result == HttpRequestParser.Result.NEED_MORE) {
                    assertFalse(piece.hasRemaining(), "NEED_MORE must consume every byte");
                    break;
                }
                if (result == HttpRequestParser.Result.ERROR) {
                    int before = piece.position();
                    assertEquals(HttpRequestParser.Result.ERROR, parser.parse(piece), "error state is sticky");
                    assertEquals(before, piece.position(), "no bytes consumed in the error state");
                    return new Outcome(requests, ends, parser.error().status());
                }
                requests.add(describe(parser.request()));
                ends.add(start + piece.position());
                if (!piece.hasRemaining()) break;
            }
            start = end;
        }
        return new Outcome(requests, ends, 0);
    }

    /** Two pieces, cut at {@code at}. */
    static Outcome feedSplit(HttpLimits limits, byte[] wire, int at) {
        return feed(limits, wire, at);
    }

    /** One byte per piece. */
    static Outcome feedBytewise(HttpLimits limits, byte[] wire) {
        int[] cuts = new int[Math.max(0, wire.length - 1)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = i + 1;
        return feed(limits, wire, cuts);
    }

    /** {@code METHOD target VERSION ka=bool [Name: value|…] body=…}, body decoded as ISO-8859-1. */
    static String describe(HttpRequest r) {
        assertNotNull(r.body(), "body is never null");
        String fields = r.headers().fields().stream()
                .map(f -> f.name() + ": " + f.value())
                .collect(Collectors.joining("|", "[", "]"));
        return r.method() + " " + r.target() + " " + r.version().text() + " ka=" + r.keepAlive() + " " + fields
                + " body=" + new String(r.body(), StandardCharsets.ISO_8859_1);
    }
}

package dev.concurrencybench.pipeline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link HttpRequestParser} (Jazzer). In {@code ./bench test} it replays the committed
 * corpus under {@code src/test/resources/.../HttpRequestParserFuzzTestInputs}; {@code ./bench fuzz} mutates it.
 *
 * <p>Input layout ({@link FuzzedDataProvider}): a limits choice and up to eight cut offsets from the end of the
 * input, the request stream from its start. Invariants for every input:
 * <ul>
 *   <li>no exception escapes, and the input finishes within the per-input time limit ({@code @Timeout});</li>
 *   <li>the stream fed whole and the stream cut at the chosen offsets give the same requests, at the same stream
 *       positions, and the same error status;</li>
 *   <li>the parser's buffers never pass what the limits allow, and no accepted request exceeds them;</li>
 *   <li>every request we accept is framed identically by Netty's decoder ({@link NettyRequestOracle}).</li>
 * </ul>
 */
class HttpRequestParserFuzzTest {

    /** Small limits so the fuzzer reaches every limit with short inputs. */
    static final HttpLimits SMALL = new HttpLimits(64, 256, 8, 64, 1_000, 1_000);

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void parserFramesLikeNettyAtAnySplit(FuzzedDataProvider data) {
        HttpLimits limits = data.consumeBoolean() ? SMALL : HttpLimits.defaults();
        int[] cuts = new int[data.consumeInt(0, 8)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = data.consumeInt(0, Integer.MAX_VALUE);
        byte[] wire = data.consumeRemainingAsBytes();
        for (int i = 0; i < cuts.length; i++) cuts[i] = Math.floorMod(cuts[i], wire.length + 1);
        Arrays.sort(cuts);

        ParserFeed.Outcome whole = ParserFeed.feed(limits, wire);
        assertEquals(whole, ParserFeed.feed(limits, wire, cuts), "same stream, different cuts");

        List<HttpRequest> accepted = parseBounded(limits, wire);
        List<NettyRequestOracle.Framed> ours = accepted.stream().map(NettyRequestOracle.Framed::of).toList();
        List<NettyRequestOracle.Framed> netty = NettyRequestOracle.decode(wire);
        assertTrue(netty.size() >= ours.size(), () -> "Netty framed fewer requests than we accepted:\nours  " + ours
                + "\nnetty " + netty);
        assertEquals(ours, netty.subList(0, ours.size()), "Netty frames our requests differently");
    }

    /** Parses the whole stream, checking the memory bound after every call. */
    private static List<HttpRequest> parseBounded(HttpLimits limits, byte[] wire) {
        int lineBound = Math.max(Math.max(limits.maxRequestLineBytes(), limits.maxHeaderBytes()),
                HttpRequestParser.MAX_CHUNK_LINE_BYTES);
        HttpRequestParser parser = new HttpRequestParser(limits);
        ByteBuffer in = ByteBuffer.wrap(wire);
        List<HttpRequest> out = new ArrayList<>();
        while (true) {
            HttpRequestParser.Result result = parser.parse(in);
            assertTrue(parser.bufferedBytes() <= lineBound + limits.maxBodyBytes(),
                    () -> "parser holds " + parser.bufferedBytes() + " bytes");
            if (result != HttpRequestParser.Result.REQUEST) return out;
            HttpRequest r = parser.request();
            assertTrue(r.body().length <= limits.maxBodyBytes(), "body over the limit");
            assertTrue(r.headers().size() <= limits.maxHeaderCount(), "more header fields than the limit");
            assertTrue(r.method().length() + r.target().length() + 10 <= limits.maxRequestLineBytes(),
                    "request line over the limit");
            out.add(r);
            if (!in.hasRemaining()) return out;
        }
    }
}

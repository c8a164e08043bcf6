package dev.concurrencybench.pipeline.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.NettyRequestOracle;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of a plaintext {@link HttpConnection} with whole request streams, delivered in reads of
 * fuzzer-chosen sizes and answered as a server would between reads. Invariants for every input:
 * <ul>
 *   <li>no exception escapes; the per-input time limit holds ({@code @Timeout});</li>
 *   <li>memory: the inbound buffer never grows past its initial 4 KiB (the parser consumes what it is given);</li>
 *   <li>the output is exactly one well-framed response per served request (none with a body after HEAD), plus one
 *       {@code Connection: close} error when the connection refused a request, and then nothing more is read;</li>
 *   <li>the served requests are the ones Netty's decoder frames from the same bytes ({@link NettyRequestOracle}).</li>
 * </ul>
 */
class HttpConnectionFuzzTest {

    /** Small limits, so that every limit is within reach of short inputs. */
    static final HttpLimits LIMITS = new HttpLimits(64, 256, 8, 64, 1_000, 1_000);
    private static final Pipeline PIPELINE = pipeline();

    private static Pipeline pipeline() {
        try {
            return Pipeline.create(ServerConfig.builder().limits(LIMITS).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void requestStreams(FuzzedDataProvider data) throws IOException {
        int readSize = data.consumeInt(1, 512);
        boolean halfClose = data.consumeBoolean();
        byte[] wire = data.consumeRemainingAsBytes();

        HttpConnection conn = PIPELINE.newConnection();
        int inboundCapacity = conn.inbound().capacity();
        List<HttpRequest> served = new ArrayList<>();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        int at = 0;
        while (at < wire.length && !conn.closing()) {
            ByteBuffer in = conn.inbound();
            int n = Math.min(Math.min(readSize, in.remaining()), wire.length - at);
            in.put(wire, at, n);
            at += n;
            served.addAll(FuzzServing.serve(PIPELINE, conn));
            written.writeBytes(Wire.drain(conn));
            assertEquals(inboundCapacity, conn.inbound().capacity(), "inbound buffer grew");
        }
        boolean refused = conn.closing() && !closedByRequest(served);
        if (halfClose && !conn.closing()) {
            conn.endOfInput();
            served.addAll(FuzzServing.serve(PIPELINE, conn));
            written.writeBytes(Wire.drain(conn));
            assertTrue(conn.closing(), "a half-closed connection closes once its buffered requests are answered");
        }
        if (conn.closing()) {
            assertNull(conn.nextRequest(), "a closing connection yields no request");
            assertFalse(conn.hasOutput(), "nothing is written after the close");
        }
        FuzzServing.checkResponses(written.toByteArray(), served, refused);

        List<NettyRequestOracle.Framed> ours = served.stream().map(NettyRequestOracle.Framed::of).toList();
        List<NettyRequestOracle.Framed> netty = NettyRequestOracle.decode(wire);
        assertTrue(netty.size() >= ours.size(), () -> "Netty framed fewer requests than we served:\nours  " + ours
                + "\nnetty " + netty);
        assertEquals(ours, netty.subList(0, ours.size()), "Netty frames our requests differently");
    }

    /** True when the last served request asked for the close (Connection: close, HTTP/1.0): no refusal then. */
    private static boolean closedByRequest(List<HttpRequest> served) {
        return !served.isEmpty() && !served.getLast().keepAlive();
    }
}

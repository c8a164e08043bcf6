package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;

/**
 * {@code slowloris} and {@code slow-body}: a request sent one byte per {@code byteIntervalMillis}. Slowloris trickles
 * the header block itself and never ends it (after the request line and Host, one {@code X-Slow: 1} field line
 * after another, never the empty line); slow-body sends a valid header with {@code Content-Length} at once, then
 * trickles the body (leading spaces, then a valid {@code /work} document, so a body that does arrive is a valid
 * request). The connections' first bytes are spread over the interval as they open, so the group writes evenly
 * rather than in bursts. A connection the server closes is counted, with its time, and re-opened when the group
 * reconnects.
 */
final class Trickle extends Group {

    private static final byte[] FILLER = "X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String WORK = "{\"cpuIterations\":1,\"ioMicros\":0,\"blockMicros\":0,\"payload\":1}";

    /** Sent at once on connect (slow-body's header), or empty. */
    private final byte[] burst;
    /** Trickled: slowloris' head (then the filler forever), slow-body's body (then nothing). */
    private final byte[] trickle;
    private final boolean endless;
    private final long intervalNanos;
    private final ByteBuffer one = ByteBuffer.allocateDirect(1);

    Trickle(BackgroundGroup spec, AttackLoop loop) {
        super(spec, loop);
        intervalNanos = spec.byteIntervalMillis() * 1_000_000L;
        if (spec.kindEnum() == BackgroundGroup.Kind.SLOWLORIS) {
            burst = new byte[0];
            trickle = ("GET " + spec.path() + " HTTP/1.1\r\nHost: " + loop.hostHeader
                    + "\r\nUser-Agent: concurrency-bench-slowloris\r\n").getBytes(StandardCharsets.US_ASCII);
            endless = true;
        } else {
            int n = spec.bodyBytes();
            burst = ("POST " + spec.path() + " HTTP/1.1\r\nHost: " + loop.hostHeader
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + n + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] body = new byte[n];
            java.util.Arrays.fill(body, (byte) ' ');
            byte[] doc = WORK.getBytes(StandardCharsets.US_ASCII);
            if (n >= doc.length) {
                System.arraycopy(doc, 0, body, n - doc.length, doc.length);
            }
            trickle = body;
            endless = false;
        }
    }

    @Override
    void onConnected(AttackConnection c, long now) {
        c.interest(SelectionKey.OP_READ); // to see the server's answer or close at once
        if (burst.length > 0 && write(c, ByteBuffer.wrap(burst), now) < burst.length) {
            if (c.state == AttackConnection.OPEN) {
                serverClosed(c, now); // a header this small always fits an empty socket buffer
            }
            return;
        }
        loop.timers.schedule(c, now); // the first trickled byte at once: connects are already spread in time
    }

    @Override
    void onTimer(AttackConnection c, long now) {
        byte b = next(c.cursor);
        one.clear();
        one.put(b).flip();
        int n = write(c, one, now);
        if (n < 0) {
            return;
        }
        c.cursor += n;
        if (endless || c.cursor < trickle.length) {
            loop.timers.schedule(c, now + intervalNanos);
        }
    }

    private byte next(long i) {
        if (i < trickle.length) {
            return trickle[(int) i];
        }
        return FILLER[(int) ((i - trickle.length) % FILLER.length)];
    }
}

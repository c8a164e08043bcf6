package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code churn}: at {@code ratePerSecond}, a new connection that sends the first half of a request and is closed at
 * once, with a FIN ({@code fin}), a reset ({@code reset}: {@code SO_LINGER} 0) or alternately ({@code both}). At most
 * {@code connections} connects are in progress at once. The server pays for an accept, a read and a half-parsed
 * request each time, and must clean up after a client that vanished mid-request.
 */
final class Churn extends Group {

    private final byte[] half;
    private final String close;
    private long closes;

    Churn(BackgroundGroup spec, AttackLoop loop) {
        super(spec, loop);
        byte[] whole = ("GET " + spec.path() + " HTTP/1.1\r\nHost: " + loop.hostHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        half = java.util.Arrays.copyOf(whole, whole.length / 2);
        close = spec.close();
    }

    @Override
    void onConnected(AttackConnection c, long now) {
        if (write(c, ByteBuffer.wrap(half), now) < 0) {
            return;
        }
        boolean reset = switch (close) {
            case "reset" -> true;
            case "fin" -> false;
            default -> (closes & 1) == 1;
        };
        closes++;
        closeOurselves(c, reset);
    }
}

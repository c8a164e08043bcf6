package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * {@code slow-reader}: each connection writes {@code pipeline} requests back to back (as fast as the server takes
 * them) and reads the responses at {@code readBytesPerSecond}, through a small receive buffer, so the responses
 * pile up in the server: its writes back up. The connection is polled for bytes on a timer (four reads a second),
 * never woken by the selector for reading, since there is always something to read; the server's close shows up
 * on the next read or write.
 */
final class SlowReader extends Group {

    private static final long READ_INTERVAL_NANOS = 250_000_000L;
    private static final int BLOCK_REQUESTS = 64;

    private final ByteBuffer block;
    private final long totalBytes;
    private final int chunk;

    SlowReader(BackgroundGroup spec, AttackLoop loop) {
        super(spec, loop);
        byte[] one = ("GET " + spec.path() + " HTTP/1.1\r\nHost: " + loop.hostHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int k = Math.min(BLOCK_REQUESTS, spec.pipeline());
        block = ByteBuffer.allocateDirect(one.length * k);
        for (int i = 0; i < k; i++) {
            block.put(one);
        }
        totalBytes = (long) one.length * spec.pipeline();
        chunk = Math.max(1, (spec.readBytesPerSecond() + 3) / 4);
    }

    @Override
    void configure(SocketChannel ch) throws IOException {
        super.configure(ch);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, spec.receiveBufferBytes()); // before connect: sets the window
    }

    @Override
    void onConnected(AttackConnection c, long now) {
        c.interest(SelectionKey.OP_WRITE);
        loop.timers.schedule(c, now + READ_INTERVAL_NANOS);
        onWritable(c, now);
    }

    @Override
    void onWritable(AttackConnection c, long now) {
        int blockLen = block.capacity();
        while (c.state == AttackConnection.OPEN && c.cursor < totalBytes) {
            int from = (int) (c.cursor % blockLen);
            long left = totalBytes - c.cursor;
            block.limit((int) Math.min(blockLen, from + left)).position(from);
            int n = write(c, block, now);
            if (n <= 0) {
                return; // the socket is full (still interested in OP_WRITE) or gone
            }
            c.cursor += n;
        }
        if (c.state == AttackConnection.OPEN) {
            c.interest(0);
        }
    }

    @Override
    void onTimer(AttackConnection c, long now) {
        if (read(c, chunk) >= 0) {
            loop.timers.schedule(c, now + READ_INTERVAL_NANOS);
        }
    }
}

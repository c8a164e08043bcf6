package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code idle}: each connection sends one keep-alive request, reads its response, then stays silent: what an idle
 * keep-alive client costs the model. The response is framed by its head's {@code Content-Length}; a connection
 * whose request is never answered (a model that queues it) stays open unanswered, which the outcome shows as held
 * connections with fewer responses.
 */
final class Idle extends Group {

    private static final int MAX_HEAD = 16 * 1024;

    private final byte[] request;
    /** Open connections still waiting for their one response. */
    int unanswered;

    Idle(BackgroundGroup spec, AttackLoop loop) {
        super(spec, loop);
        request = ("GET " + spec.path() + " HTTP/1.1\r\nHost: " + loop.hostHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    void onConnected(AttackConnection c, long now) {
        unanswered++;
        c.interest(SelectionKey.OP_READ);
        if (write(c, ByteBuffer.wrap(request), now) < request.length && c.state == AttackConnection.OPEN) {
            serverClosed(c, now); // a request this small always fits an empty socket buffer
        }
    }

    @Override
    void onReadable(AttackConnection c, long now) {
        int n;
        while (c.state == AttackConnection.OPEN && (n = read(c, AttackLoop.READ_BUFFER_BYTES)) > 0) {
            if (!c.answered) {
                frame(c, loop.readBuffer, n);
            }
        }
    }

    /** Follows the one response through the bytes just read. */
    private void frame(AttackConnection c, ByteBuffer buf, int n) {
        int i = 0;
        if (c.bodyLeft < 0) {
            if (c.head == null) {
                c.head = new StringBuilder(256);
            }
            while (i < n && c.bodyLeft < 0) {
                c.head.append((char) (buf.get(i++) & 0xff));
                int len = c.head.length();
                if (len >= 4 && c.head.charAt(len - 1) == '\n' && c.head.charAt(len - 2) == '\r'
                        && c.head.charAt(len - 3) == '\n' && c.head.charAt(len - 4) == '\r') {
                    c.bodyLeft = contentLength(c.head.toString());
                    c.head = null;
                } else if (len > MAX_HEAD) {
                    c.bodyLeft = 0; // not a response we understand: count it as answered and stop looking
                    c.head = null;
                }
            }
        }
        if (c.bodyLeft >= 0) {
            c.bodyLeft -= Math.min(c.bodyLeft, n - i);
            if (c.bodyLeft == 0) {
                c.answered = true;
                responses++;
                unanswered--;
            }
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    void onClosing(AttackConnection c) {
        if (!c.answered) {
            unanswered--;
        }
    }
}

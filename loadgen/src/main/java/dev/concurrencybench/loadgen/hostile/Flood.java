package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import java.nio.channels.SelectionKey;

/**
 * {@code flood}: new TCP connections at {@code ratePerSecond} that never send a byte, at most {@code connections}
 * open at once. A model that accepts slowly lets them fill its listen backlog, and then the kernel drops new
 * connection attempts, normal clients' included; one that accepts at once holds them as idle connections until
 * its timeouts close them. The connections only listen, to see the server's close.
 */
final class Flood extends Group {

    Flood(BackgroundGroup spec, AttackLoop loop) {
        super(spec, loop);
    }

    @Override
    void onConnected(AttackConnection c, long now) {
        c.interest(SelectionKey.OP_READ);
    }
}

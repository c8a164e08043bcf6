package dev.concurrencybench.loadgen.hostile;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of a background group: its channel, where it is in its life, and the little state its kind
 * needs. Its timer is the connect timeout while connecting, then the kind's next byte or read. Single-threaded.
 */
final class AttackConnection extends Timed {

    static final int CONNECTING = 0;
    static final int OPEN = 1;
    static final int CLOSED = 2;

    final Group group;
    final SocketChannel channel;
    SelectionKey key;
    int state = CONNECTING;
    /** Position in its group's list of connections, -1 once discarded. */
    int index = -1;
    long openedNanos;
    long connectedNanos;
    /** Bytes of the kind's output written so far (slowloris, slow-body, slow-reader). */
    long cursor;
    /** Idle: the response head read so far, until it is complete; then null. */
    StringBuilder head;
    /** Idle: body bytes still to come of the one response, or -1 before the head is complete. */
    long bodyLeft = -1;
    /** Idle: the one response has been read. */
    boolean answered;

    AttackConnection(Group group, SocketChannel channel) {
        this.group = group;
        this.channel = channel;
    }

    @Override
    void fire(long now) {
        if (state == CONNECTING) {
            group.connectTimedOut(this, now);
        } else if (state == OPEN) {
            group.onTimer(this, now);
        }
    }

    /** Changes the selector interest, if the key is still valid. */
    void interest(int ops) {
        if (key != null && key.isValid()) {
            key.interestOps(ops);
        }
    }
}

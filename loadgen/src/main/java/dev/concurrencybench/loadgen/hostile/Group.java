package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import dev.concurrencybench.report.results.BackgroundOutcome;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One background group: opens its connections (a fixed number at {@code openPerSecond}, re-opened after the server
 * closes one when it reconnects; or, rate-driven, new ones at {@code ratePerSecond}, never more than
 * {@code connections} at once), counts what happens to them, and leaves what each connection does to its kind
 * (the subclasses). Its own timer paces the connects. Single-threaded: everything runs on the background loop.
 */
abstract class Group extends Timed {

    /** A connect that has not completed after this long is a failure (a full accept queue drops the SYNs). */
    static final long CONNECT_TIMEOUT_NANOS = 5_000_000_000L;
    /** A late connect timer catches up at most this many connects at once, then drops the rest of its backlog. */
    private static final int MAX_CATCH_UP = 32;

    final BackgroundGroup spec;
    final AttackLoop loop;
    final List<AttackConnection> connections = new ArrayList<>();
    private final long connectIntervalNanos;
    private final boolean rateDriven;

    long opened;
    long connectFailures;
    long closedByServer;
    long bytesSent;
    long bytesReceived;
    long responses;
    long resets;
    /** Connections open or connecting now. */
    int live;
    /** Connections still connecting. */
    int connecting;
    /** Connects attempted so far. */
    long attempts;
    /** When the last connect completed (or failed), nanoTime ns. */
    long lastConnectDoneNanos;
    /** Time from connect to the server's close, ms. */
    final Histogram closeAfterMillis = new Histogram(3_600_000L, 2);

    Group(BackgroundGroup spec, AttackLoop loop) {
        this.spec = spec;
        this.loop = loop;
        this.rateDriven = spec.kindEnum().rateDriven();
        double perSecond = rateDriven ? spec.ratePerSecond() : spec.openPerSecond();
        this.connectIntervalNanos = Math.max(1, (long) (1e9 / perSecond));
    }

    /** Starts pacing connects at {@code now}. */
    void start(long now) {
        loop.timers.schedule(this, now);
    }

    // ------------------------------------------------------------------ connects

    /** The group's timer: the next connect(s). */
    @Override
    void fire(long now) {
        long at = due;
        for (int n = 0; n < MAX_CATCH_UP && at - now <= 0; n++) {
            if (!wantsConnection()) {
                if (!rateDriven) {
                    return; // re-armed by the next close
                }
            } else {
                open(now);
            }
            at += connectIntervalNanos;
        }
        loop.timers.schedule(this, at - now <= 0 ? now + connectIntervalNanos : at);
    }

    private boolean wantsConnection() {
        if (live >= spec.connections()) {
            return false;
        }
        return rateDriven || attempts < spec.connections() || spec.reconnect();
    }

    /** True once the initial connections have all been tried and none is still connecting. */
    boolean initialDone() {
        return rateDriven || (attempts >= spec.connections() && connecting == 0);
    }

    private void open(long now) {
        attempts++;
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
        } catch (IOException e) {
            connectFailures++;
            lastConnectDoneNanos = now;
            loop.noteError(spec.name() + ": cannot open a socket: " + e.getMessage());
            return;
        }
        AttackConnection c = new AttackConnection(this, ch);
        c.openedNanos = now;
        live++;
        connecting++;
        c.index = connections.size();
        connections.add(c);
        boolean done;
        try {
            ch.configureBlocking(false);
            configure(ch);
            done = ch.connect(loop.address);
            c.key = ch.register(loop.selector, done ? 0 : SelectionKey.OP_CONNECT, c);
        } catch (IOException | RuntimeException e) {
            connectFailures++;
            connecting--;
            lastConnectDoneNanos = now;
            loop.noteError(spec.name() + ": connect failed: " + e.getMessage());
            discard(c);
            return;
        }
        if (done) {
            connected(c, now);
        } else {
            loop.timers.schedule(c, now + CONNECT_TIMEOUT_NANOS);
        }
    }

    /** Socket options before the connect; the kinds override it. */
    void configure(SocketChannel ch) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    /** The selector says the connect finished. */
    void finishConnect(AttackConnection c, long now) {
        try {
            if (!c.channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            loop.timers.cancel(c);
            connectFailures++;
            connecting--;
            lastConnectDoneNanos = now;
            discard(c);
            return;
        }
        loop.timers.cancel(c);
        connected(c, now);
    }

    private void connected(AttackConnection c, long now) {
        opened++;
        connecting--;
        lastConnectDoneNanos = now;
        c.state = AttackConnection.OPEN;
        c.connectedNanos = now;
        c.interest(0);
        onConnected(c, now);
    }

    void connectTimedOut(AttackConnection c, long now) {
        connectFailures++;
        connecting--;
        lastConnectDoneNanos = now;
        discard(c);
    }

    // ------------------------------------------------------------------ the kinds

    /** The connection is open: start doing what the kind does. */
    abstract void onConnected(AttackConnection c, long now);

    /** The connection's own timer (next byte, next read). */
    void onTimer(AttackConnection c, long now) {
    }

    /** The socket is readable. The default reads and discards, and notices the server's close. */
    void onReadable(AttackConnection c, long now) {
        while (c.state == AttackConnection.OPEN && read(c, AttackLoop.READ_BUFFER_BYTES) > 0) {
            // drain what is there
        }
    }

    /** The socket is writable again. */
    void onWritable(AttackConnection c, long now) {
    }

    /** An open connection is about to be closed (by either side). */
    void onClosing(AttackConnection c) {
    }

    // ------------------------------------------------------------------ I/O helpers

    /**
     * Writes what remains of {@code buf}; on an error the server has closed (or reset) the connection.
     *
     * @return bytes written, or -1 when the connection is gone
     */
    int write(AttackConnection c, ByteBuffer buf, long now) {
        try {
            int n = c.channel.write(buf);
            bytesSent += n;
            return n;
        } catch (IOException e) {
            serverClosed(c, now);
            return -1;
        }
    }

    /**
     * Reads at most {@code max} bytes into the loop's buffer (left flipped for the caller).
     *
     * @return bytes read, 0 when none are there, -1 when the server closed or reset the connection
     */
    int read(AttackConnection c, int max) {
        ByteBuffer buf = loop.readBuffer;
        buf.clear().limit(Math.min(max, buf.capacity()));
        int n;
        try {
            n = c.channel.read(buf);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            serverClosed(c, System.nanoTime());
            return -1;
        }
        bytesReceived += n;
        buf.flip();
        return n;
    }

    /** The server closed or reset the connection: count it, and re-open one when the group reconnects. */
    void serverClosed(AttackConnection c, long now) {
        if (c.state != AttackConnection.OPEN) {
            return;
        }
        closedByServer++;
        closeAfterMillis.recordValue(Math.max(0, Math.min(3_600_000L, (now - c.connectedNanos) / 1_000_000)));
        discard(c);
    }

    /** Closes a connection the group itself is done with (churn). */
    void closeOurselves(AttackConnection c, boolean reset) {
        if (reset) {
            try {
                c.channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close() then sends RST, not FIN
                resets++;
            } catch (IOException e) {
                // closes with FIN then
            }
        }
        discard(c);
    }

    /** Forgets a connection and closes its channel; frees its place for the next connect. */
    void discard(AttackConnection c) {
        if (c.state == AttackConnection.CLOSED) {
            return;
        }
        if (c.state == AttackConnection.OPEN) {
            onClosing(c);
        }
        c.state = AttackConnection.CLOSED;
        loop.timers.cancel(c);
        live--;
        int i = c.index;
        if (i >= 0 && i < connections.size() && connections.get(i) == c) {
            AttackConnection last = connections.remove(connections.size() - 1);
            if (last != c) {
                connections.set(i, last);
                last.index = i;
            }
        }
        c.index = -1;
        closeQuietly(c.channel);
        if (heapIndex < 0) {
            loop.timers.schedule(this, System.nanoTime() + connectIntervalNanos); // a free place: connect again
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Connections that are open now. */
    int openNow() {
        return live - connecting;
    }

    /** Closes every connection (the attack stops); they count as held when still open. */
    long closeAll() {
        long held = 0;
        for (AttackConnection c : List.copyOf(connections)) {
            if (c.state == AttackConnection.OPEN) {
                held++;
            }
            c.state = AttackConnection.CLOSED;
            closeQuietly(c.channel);
        }
        connections.clear();
        return held;
    }

    /** What the group did, once its loop has ended. */
    BackgroundOutcome outcome(long held) {
        boolean any = closeAfterMillis.getTotalCount() > 0;
        return new BackgroundOutcome(spec.name(), spec.kind(), spec.connections(),
                rateDriven ? spec.ratePerSecond() : 0, opened, connectFailures, held, closedByServer,
                any ? closeAfterMillis.getValueAtPercentile(50) : null, any ? closeAfterMillis.getMaxValue() : null,
                bytesSent, bytesReceived, responses, resets);
    }
}

package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The keep-alive connections of one {@link DriverLoop}, one per slot: which have room for another request, and when
 * a closed one reconnects. The connections with room wait in a ring of slot numbers, so the loop finds a free one
 * without scanning every connection per request; a slot whose connection closed, or failed to connect, holds the
 * time it reconnects at, and the loop asks {@link #earliestReconnect()} when that is next due.
 *
 * <p>A slot keeps its {@link Connection} (and its buffers) across reconnects, so reconnecting allocates no
 * connection object. Single-threaded: owned by its loop.
 */
final class KeepAliveSlots {

    /** A failed connect is retried after this long, nanoseconds. */
    private static final long RECONNECT_DELAY_NANOS = 100_000_000;

    private final LatencyRecorders recorders;
    private final Connection[] connections;
    private final boolean[] everReady;
    private int readyCount;
    private final long[] reconnectAt;
    private long earliestReconnect = Long.MAX_VALUE;
    private final int[] roomRing;
    private int roomHead;
    private int roomCount;

    /**
     * @param loop           the owner, which the connections report to
     * @param n              connections (0 when the loop opens one connection per request)
     * @param pipelineDepth  requests in flight per connection at most
     * @param bodyCheckEvery one response in this many has its body kept and checked
     * @param tls            whether the connections speak TLS
     */
    KeepAliveSlots(DriverLoop loop, LatencyRecorders recorders, Templates templates, int n, int pipelineDepth,
                   int bodyCheckEvery, boolean tls) {
        this.recorders = recorders;
        connections = new Connection[n];
        everReady = new boolean[n];
        reconnectAt = new long[n];
        Arrays.fill(reconnectAt, Long.MAX_VALUE);
        roomRing = new int[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            connections[i] = new Connection(loop, recorders, templates, i, pipelineDepth, bodyCheckEvery, tls);
        }
    }

    int size() {
        return connections.length;
    }

    Connection connection(int slot) {
        return connections[slot];
    }

    /**
     * Opens every connection (TLS handshakes included) and serves the selector until each has been ready once.
     *
     * @param onKey        the loop's handler of selected keys
     * @param timeoutNanos give up after this long
     * @param target       host:port, for the error message
     * @throws IOException naming how many connections were ready when the time was up
     */
    void connectAll(Selector selector, Consumer<SelectionKey> onKey, long timeoutNanos, String target)
            throws IOException {
        long now = System.nanoTime();
        long deadline = now + timeoutNanos;
        for (int i = 0; i < connections.length; i++) {
            open(i, now);
        }
        while (readyCount < connections.length) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("only " + readyCount + " of " + connections.length + " connections to "
                        + target + " were ready after " + timeoutNanos / 1_000_000_000 + " s");
            }
            selector.select(onKey, 1);
            reconnects(System.nanoTime(), false);
        }
    }

    private void open(int slot, long now) {
        reconnectAt[slot] = Long.MAX_VALUE;
        try {
            connections[slot].open(now);
        } catch (IOException e) {
            if (recorders.countError(recorders.connectErrors, now)) {
                recorders.addErrorMessage("connect failed: " + e);
            }
            connections[slot].close();
            retryLater(slot, now + RECONNECT_DELAY_NANOS);
        }
    }

    /** The slot's connection became usable (connected, TLS handshake done). */
    void ready(int slot) {
        if (!everReady[slot]) {
            everReady[slot] = true;
            readyCount++;
        }
    }

    /** The slot reconnects at {@code at}, nanoTime ns. */
    void retryLater(int slot, long at) {
        reconnectAt[slot] = at;
        earliestReconnect = Math.min(earliestReconnect, at);
    }

    /** The slot's connect or TLS handshake failed: it tries again a little later. */
    void retryAfterFailure(int slot, long now) {
        retryLater(slot, now + RECONNECT_DELAY_NANOS);
    }

    /** When the next slot is due to reconnect, nanoTime ns (Long.MAX_VALUE: none is waiting). */
    long earliestReconnect() {
        return earliestReconnect;
    }

    /**
     * Reconnects every slot that is due (a rare path: kept out of the loop's compiled code, see {@code bench}).
     *
     * @param finished the run has ended: due slots stay closed
     */
    void reconnects(long now, boolean finished) {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < connections.length; i++) {
            long at = reconnectAt[i];
            if (at != Long.MAX_VALUE) {
                if (now - at >= 0 && !finished) {
                    open(i, now);
                    at = reconnectAt[i];
                }
                earliest = Math.min(earliest, at);
            }
        }
        earliestReconnect = earliest;
    }

    /** Connections waiting in the ring of those with room (some may have lost it meanwhile). */
    int roomCount() {
        return roomCount;
    }

    /** The next connection with room, or null when none has. */
    Connection takeRoom() {
        while (roomCount > 0) {
            Connection c = connections[roomRing[roomHead]];
            roomHead = (roomHead + 1) % roomRing.length;
            roomCount--;
            c.queued = false;
            if (c.hasRoom()) {
                return c;
            }
        }
        return null;
    }

    /** Puts {@code c} in the ring when it has room and is not there already. */
    void requeue(Connection c) {
        if (!c.queued && c.hasRoom()) {
            c.queued = true;
            roomRing[(roomHead + roomCount) % roomRing.length] = c.slot;
            roomCount++;
        }
    }

    /** True when some connection has a request in flight. */
    boolean anyInFlight() {
        for (Connection c : connections) {
            if (c.inFlight() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fails the requests of a connection whose oldest has waited longer than {@code timeoutNanos}, and the connects
     * and TLS handshakes that took longer (counted as connect errors; the slot tries again).
     */
    void timeouts(long now, long timeoutNanos) {
        for (Connection c : connections) {
            if (c.state == Connection.READY && c.inFlight() > 0 && now - c.oldestSentNanos() > timeoutNanos) {
                c.unannounced(now, recorders.timeouts, "timeout after " + timeoutNanos / 1_000_000 + " ms");
            } else if ((c.state == Connection.CONNECTING || c.state == Connection.HANDSHAKING)
                    && now - c.openedNanos > timeoutNanos) {
                c.connectTimedOut(timeoutNanos);
            }
        }
    }

    /** Fails every request in flight (counted in {@code counter}) and closes every connection. */
    void failAllAndClose(LongAdder counter, String message) {
        for (Connection c : connections) {
            c.failAll(counter, message);
            c.close();
        }
    }

    /** Closes every connection, counting nothing. */
    void closeAll() {
        for (Connection c : connections) {
            c.close();
        }
    }
}

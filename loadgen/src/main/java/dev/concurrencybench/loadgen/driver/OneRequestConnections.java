package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connections of a {@link DriverLoop} that opens one connection per request
 * ({@link DriverConfig.Mode#OPEN_CONNECTION_PER_REQUEST}): at most {@code cap} at once (the permits), each carrying
 * its request from connect to response and then closed. A closed connection goes back to a pool and is opened again
 * for a later request with the buffers it has, so once the pool holds {@code cap} connections starting a request
 * allocates no connection object.
 *
 * <p>Single-threaded: owned by its loop.
 */
final class OneRequestConnections {

    private final DriverLoop loop;
    private final LatencyRecorders recorders;
    private final Templates templates;
    private final boolean tls;
    private final Connection[] active;
    private int activeCount;
    private final ArrayDeque<Connection> pool = new ArrayDeque<>();
    private long permitFreedNanos = Long.MIN_VALUE;

    /** @param cap concurrent one-request connections at most (0 when the loop keeps connections alive) */
    OneRequestConnections(DriverLoop loop, LatencyRecorders recorders, Templates templates, int cap, boolean tls) {
        this.loop = loop;
        this.recorders = recorders;
        this.templates = templates;
        this.tls = tls;
        this.active = new Connection[cap];
    }

    /** Connections carrying a request now. */
    int count() {
        return activeCount;
    }

    /** True when another request may start now. */
    boolean hasPermit() {
        return activeCount < active.length;
    }

    /** When a permit last became free, nanoTime ns (Long.MIN_VALUE before any did). */
    long permitFreedNanos() {
        return permitFreedNanos;
    }

    /**
     * Opens a connection for one request; the caller has checked {@link #hasPermit()}.
     *
     * @param template      template index
     * @param intendedNanos intended send time
     * @param readyNanos    when the generator was free to send it
     */
    void start(int template, long intendedNanos, long readyNanos, long now) {
        Connection c = pool.poll();
        if (c == null) {
            c = new Connection(loop, recorders, templates, -1, 1, 1, tls);
        }
        c.activeIndex = activeCount;
        active[activeCount++] = c;
        c.carry(template, intendedNanos, readyNanos, now);
        try {
            c.open(now);
        } catch (IOException e) {
            if (recorders.countError(recorders.connectErrors, intendedNanos)) {
                recorders.addErrorMessage("connect failed: " + e);
            }
            c.dropAll();
            done(c, now);
        }
    }

    /** A one-request connection finished, successfully or not; its permit is free again. */
    void done(Connection c, long now) {
        int i = c.activeIndex;
        if (i < 0) {
            return;
        }
        c.close();
        active[i] = active[--activeCount];
        active[i].activeIndex = i;
        active[activeCount] = null;
        c.activeIndex = -1;
        pool.push(c);
        permitFreedNanos = now;
    }

    /** Fails each connection whose request has waited longer than {@code timeoutNanos} since it was opened. */
    void timeouts(long now, long timeoutNanos) {
        for (int i = activeCount - 1; i >= 0; i--) {
            Connection c = active[i];
            if (now - c.openedNanos > timeoutNanos) {
                c.unannounced(now, recorders.timeouts, "timeout after " + timeoutNanos / 1_000_000 + " ms");
            }
        }
    }

    /** Fails every request in flight (counted in {@code counter}) and closes every connection. */
    void failAllAndClose(LongAdder counter, String message) {
        for (int i = activeCount - 1; i >= 0; i--) {
            active[i].failAll(counter, message);
            active[i].close();
        }
        activeCount = 0;
    }

    /** Closes every connection, counting nothing. */
    void closeAll() {
        for (int i = activeCount - 1; i >= 0; i--) {
            active[i].close();
        }
    }
}

package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * One driver thread in the wrk2 shape: it owns a set of connections and does both their schedule and their I/O,
 * so a request never crosses a thread between "due" and "written". Each turn of the loop reads the clock, writes
 * every request that is due on a connection with room, polls the sockets without blocking
 * ({@code selectNow}) and reads what arrived. The loop busy-polls while the next thing to do is less than
 * {@value #SLEEP_THRESHOLD_NANOS} ns away (the load generator's CPU belongs to it), and sleeps in
 * {@code select} (woken by any socket) when it is further.
 *
 * <p>Back-pressure without a queue: the schedule's cursor simply waits. A request that is due while every
 * connection is busy goes out the moment one has room, with its intended send time unchanged, so a slow server
 * shows in the corrected latency (coordinated omission). Requests a server dropped after announcing its close
 * are re-sent first, also with their intended send times.
 *
 * <p>Its connections are {@link KeepAliveSlots} (open loop and closed loop) or {@link OneRequestConnections}
 * (a connection per request); requests owed again wait in a {@link ResendQueue}. This class decides what is due and
 * when to sleep; those hold the connections.
 *
 * <p>Nothing on the per-request path allocates: templates are pre-encoded, in-flight requests live in
 * per-connection arrays, the response parser and recorders reuse their memory. Single-threaded; only
 * {@link #stop} is read across threads. The methods that run once in many turns ({@link #quiet},
 * {@link #housekeeping}, {@link #drained}, {@link KeepAliveSlots#reconnects}) are named in {@code bench}'s
 * {@code dontinline} flags: keep those names in step.
 */
final class DriverLoop {

    /** Gaps up to this long are busy-polled; longer ones sleep in {@code select}, nanoseconds. */
    static final long SLEEP_THRESHOLD_NANOS = 2_000_000;
    private static final long HOUSEKEEPING_NANOS = 10_000_000;
    private static final long MAX_DRAIN_NANOS = 5_000_000_000L;
    /**
     * A due interval is taken in a quiet moment: nothing in flight (no response will arrive and wait to be
     * time-stamped) and the next send at least {@value #QUIET_NANOS} ns away; at the latest this late.
     */
    private static final long INTERVAL_GRACE_NANOS = 20_000_000;
    private static final long QUIET_NANOS = 200_000;
    /** A slot whose connection closed reconnects in a quiet moment too; at the latest this late. */
    private static final long RECONNECT_GRACE_NANOS = 5_000_000;

    private final DriverConfig config;
    private final LatencyRecorders recorders;
    private final InetSocketAddress address;
    private final SSLContext ssl;
    private final Selector selector;
    private final Consumer<SelectionKey> onKey = k -> ((Connection) k.attachment()).onSelected(k.readyOps());
    private final DriverConfig.Mode mode;
    private final RequestMix mix;
    private final SplittableRandom random;
    private Intervals intervals;

    private final KeepAliveSlots slots;
    private final OneRequestConnections oneRequest;
    private final ResendQueue resends = new ResendQueue();

    private Schedule schedule;
    private long nextIntended = Long.MAX_VALUE;
    private long startNanos;
    private long measureStartNanos;
    private long endNanos;
    private boolean closedLoopStarted;
    private boolean finished;
    volatile boolean stop;

    /**
     * @param config      the run
     * @param recorders   shared by every loop of the run
     * @param templates   the request mix
     * @param address     resolved target
     * @param ssl         client TLS context, or null for plain HTTP
     * @param index       this loop's number (0 = the one that takes intervals)
     * @param slotCount   keep-alive connections of this loop, or the cap on its concurrent one-request connections
     */
    DriverLoop(DriverConfig config, LatencyRecorders recorders, Templates templates, InetSocketAddress address,
               SSLContext ssl, int index, int slotCount) throws IOException {
        this.config = config;
        this.recorders = recorders;
        this.address = address;
        this.ssl = ssl;
        this.mode = config.mode();
        this.mix = new RequestMix(config.templates());
        this.random = new SplittableRandom(config.seed() + index);
        this.selector = Selector.open();
        boolean perRequest = mode == DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST;
        slots = new KeepAliveSlots(this, recorders, templates, perRequest ? 0 : slotCount, config.pipelineDepth(),
                config.bodyCheckEvery(), ssl != null);
        oneRequest = new OneRequestConnections(this, recorders, templates, perRequest ? slotCount : 0, ssl != null);
    }

    Selector selector() {
        return selector;
    }

    InetSocketAddress address() {
        return address;
    }

    TlsSession newTlsSession() {
        return ssl == null ? null : new TlsSession(ssl, address.getHostString(), address.getPort());
    }

    // ---------------------------------------------------------------- phases

    /**
     * Opens every keep-alive connection (TLS handshakes included) before anything is measured.
     *
     * @param timeoutNanos give up after this long
     * @throws IOException naming how many connections were ready when the time was up
     */
    void connectAll(long timeoutNanos) throws IOException {
        slots.connectAll(selector, onKey, timeoutNanos, address.getHostString() + ":" + address.getPort());
    }

    /** Makes this loop the one that takes interval histograms. */
    void intervals(Intervals taker) {
        this.intervals = taker;
    }

    /** Sets the run's clock: first request at {@code start}, measurement from {@code measureStart} to {@code end}. */
    void times(long start, long measureStart, long end, Schedule schedule) {
        this.startNanos = start;
        this.measureStartNanos = measureStart;
        this.endNanos = end;
        this.schedule = schedule;
        this.nextIntended = schedule == null ? Long.MAX_VALUE : schedule.next();
    }

    /** Runs the schedule, then drains; returns when everything measured is answered, at the drain deadline or on stop. */
    void run() throws IOException {
        boolean leader = intervals != null;
        boolean windowOpen = !leader;
        long intervalDue = leader ? intervals.nextDueNanos() : Long.MAX_VALUE;
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        long drainDeadline = Long.MAX_VALUE;
        Thread self = Thread.currentThread();
        for (;;) {
            long now = System.nanoTime();
            if (!windowOpen && now - measureStartNanos >= 0) {
                intervals.open();
                windowOpen = true;
            }
            dispatch(now);
            if (leader && now - intervalDue >= 0 && intervalDue - endNanos <= 0
                    && (quiet(now) || now - intervalDue > INTERVAL_GRACE_NANOS)) {
                intervals.take(false);
                intervalDue = intervals.nextDueNanos();
            }
            if (now - endNanos >= 0) {
                if (drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = endNanos + Math.min(config.timeoutNanos(), MAX_DRAIN_NANOS);
                }
                if (drained() || now - drainDeadline >= 0) {
                    break;
                }
            }
            if (stop || (leader && self.isInterrupted())) {
                break;
            }
            long earliestReconnect = slots.earliestReconnect();
            if (now - earliestReconnect >= 0 && (slots.roomCount() == 0 || nextSendNanos(now) - now > QUIET_NANOS
                    || now - earliestReconnect > RECONNECT_GRACE_NANOS)) {
                slots.reconnects(now, finished); // a connect costs tens of µs: not just before a send, unless it must
            }
            if (now - nextHousekeeping >= 0) {
                housekeeping(now);
                nextHousekeeping = now + HOUSEKEEPING_NANOS;
            }
            long wake = Math.min(nextHousekeeping, slots.earliestReconnect());
            if (leader) {
                wake = Math.min(wake, windowOpen ? (intervalDue - endNanos <= 0 ? intervalDue : Long.MAX_VALUE)
                        : measureStartNanos);
            }
            wake = Math.min(wake, now - endNanos < 0 ? endNanos : drainDeadline);
            wake = Math.min(wake, nextSendNanos(now));
            long idle = wake - now;
            if (idle > SLEEP_THRESHOLD_NANOS) {
                selector.select(onKey, (idle - 1_000_000) / 1_000_000);
            } else {
                selector.selectNow(onKey);
            }
        }
        finished = true;
    }

    /** When this loop next has something to send, nanoTime ns (Long.MAX_VALUE when only I/O can change that). */
    private long nextSendNanos(long now) {
        switch (mode) {
            case CLOSED_LOOP -> {
                return closedLoopStarted ? Long.MAX_VALUE : startNanos;
            }
            case OPEN_CONNECTION_PER_REQUEST -> {
                return oneRequest.hasPermit() && nextIntended - endNanos < 0 ? nextIntended : Long.MAX_VALUE;
            }
            default -> {
                if (slots.roomCount() == 0) {
                    return Long.MAX_VALUE;
                }
                if (resends.count() > 0) {
                    return now;
                }
                return nextIntended - endNanos < 0 ? nextIntended : Long.MAX_VALUE;
            }
        }
    }

    /** Sends what is due; true when at least one request went out. */
    private boolean dispatch(long now) {
        switch (mode) {
            case CLOSED_LOOP -> {
                if (!closedLoopStarted && now - startNanos >= 0) {
                    closedLoopStarted = true;
                    for (int i = 0; i < slots.size(); i++) {
                        fillClosedLoop(slots.connection(i), now);
                    }
                    return true;
                }
                return false;
            }
            case OPEN_CONNECTION_PER_REQUEST -> {
                boolean any = false;
                while (nextIntended - now <= 0 && nextIntended - endNanos < 0 && oneRequest.hasPermit()) {
                    oneRequest.start(mix.pickIndex(random), nextIntended,
                            Math.max(nextIntended, oneRequest.permitFreedNanos()), now);
                    nextIntended = schedule.next();
                    any = true;
                }
                return any;
            }
            default -> {
                boolean any = false;
                while (resends.count() > 0) {
                    Connection c = slots.takeRoom();
                    if (c == null) {
                        return any;
                    }
                    int i = resends.poll();
                    c.send(resends.template(i), resends.intended(i), Math.max(resends.ready(i), c.freeSinceNanos));
                    slots.requeue(c);
                    any = true;
                }
                while (nextIntended - now <= 0 && nextIntended - endNanos < 0) {
                    Connection c = slots.takeRoom();
                    if (c == null) {
                        return any;
                    }
                    c.send(mix.pickIndex(random), nextIntended, Math.max(nextIntended, c.freeSinceNanos));
                    slots.requeue(c);
                    nextIntended = schedule.next();
                    any = true;
                }
                return any;
            }
        }
    }

    /** Nothing in flight and nothing to send for a while: the moment to take an interval. */
    private boolean quiet(long now) {
        return nextSendNanos(now) - now >= QUIET_NANOS && oneRequest.count() == 0 && !slots.anyInFlight();
    }

    /** True when everything the measurement sent or still owes has been answered (or failed). */
    private boolean drained() {
        if (resends.count() > 0 || oneRequest.count() > 0) {
            return false;
        }
        if (mode != DriverConfig.Mode.CLOSED_LOOP && nextIntended - endNanos < 0) {
            return false;
        }
        return !slots.anyInFlight();
    }

    /** Timeouts of requests, connects and handshakes (every {@value #HOUSEKEEPING_NANOS} ns). */
    private void housekeeping(long now) {
        long timeout = config.timeoutNanos();
        slots.timeouts(now, timeout);
        oneRequest.timeouts(now, timeout);
    }

    /**
     * Ends the run: requests still in flight are timeouts, requests due but never written are timeouts (keep-alive:
     * no connection was free) or never sent (one request per connection); closes everything.
     */
    void finish() {
        finished = true;
        long now = System.nanoTime();
        slots.failAllAndClose(recorders.timeouts, "unanswered when the run ended");
        oneRequest.failAllAndClose(recorders.timeouts, "unanswered when the run ended");
        while (resends.count() > 0) {
            recorders.recordError(recorders.timeouts, resends.intended(resends.poll()),
                    "never sent: no connection was free before the end");
        }
        long owedUntil = Math.min(endNanos, now);
        while (mode != DriverConfig.Mode.CLOSED_LOOP && nextIntended - owedUntil < 0) {
            if (mode == DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST) {
                recorders.recordError(recorders.notSent, nextIntended, null);
            } else {
                recorders.recordError(recorders.timeouts, nextIntended, "never sent: no connection was free before the end");
            }
            nextIntended = schedule.next();
        }
        closeQuietly();
    }

    /** Closes every connection and the selector, counting nothing; safe to call more than once. */
    void closeQuietly() {
        finished = true;
        slots.closeAll();
        oneRequest.closeAll();
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    // ---------------------------------------------------------------- closed loop

    private void fillClosedLoop(Connection c, long now) {
        while (c.hasRoom() && now - endNanos < 0 && !finished) {
            c.send(mix.pickIndex(random), now, now);
        }
    }

    // ---------------------------------------------------------------- callbacks from connections

    /** A connection became usable (connected, TLS handshake done). */
    void connectionReady(Connection c, long now) {
        if (c.slot < 0) {
            c.writeCarried();
            return;
        }
        slots.ready(c.slot);
        if (mode == DriverConfig.Mode.CLOSED_LOOP) {
            if (closedLoopStarted) {
                fillClosedLoop(c, now);
            }
        } else {
            slots.requeue(c);
        }
    }

    /** A keep-alive connection may have room again (a response arrived, or pending output was written). */
    void roomMaybe(Connection c, long now) {
        if (c.slot < 0) {
            return;
        }
        if (mode == DriverConfig.Mode.CLOSED_LOOP) {
            fillClosedLoop(c, now);
        } else {
            slots.requeue(c);
        }
    }

    /**
     * A keep-alive connection closed; its slot reconnects at once.
     *
     * @param announced the server announced the close, or closed an idle connection
     */
    void connectionClosed(Connection c, long now, boolean announced) {
        if (!finished) {
            slots.retryLater(c.slot, now);
        }
    }

    /** A connect or TLS handshake failed (already counted). */
    void connectFailed(Connection c, long now) {
        if (c.slot < 0) {
            oneRequest.done(c, now);
        } else if (!finished) {
            slots.retryAfterFailure(c.slot, now);
        }
    }

    /**
     * A request that the server dropped after announcing its close goes out again on another connection, with its
     * intended send time unchanged. (Closed loop: dropped; its next request replaces it.)
     */
    void resend(int template, long intendedNanos, long now) {
        if (mode == DriverConfig.Mode.CLOSED_LOOP) {
            return;
        }
        resends.add(template, intendedNanos, now);
    }

    /** A one-request connection finished, successfully or not; its permit is free again. */
    void oneRequestDone(Connection c, long now) {
        oneRequest.done(c, now);
    }
}

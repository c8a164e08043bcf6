package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Arrays;
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
 * <p>Nothing on the per-request path allocates: templates are pre-encoded, in-flight requests live in
 * per-connection arrays, the response parser and recorders reuse their memory. Single-threaded; only
 * {@link #stop} is read across threads.
 */
final class DriverLoop {

    /** Gaps up to this long are busy-polled; longer ones sleep in {@code select}, nanoseconds. */
    static final long SLEEP_THRESHOLD_NANOS = 2_000_000;
    private static final long HOUSEKEEPING_NANOS = 10_000_000;
    private static final long RECONNECT_DELAY_NANOS = 100_000_000;
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
    private final Templates templates;
    private final InetSocketAddress address;
    private final SSLContext ssl;
    private final Selector selector;
    private final Consumer<SelectionKey> onKey = k -> ((Connection) k.attachment()).onSelected(k.readyOps());
    private final DriverConfig.Mode mode;
    private final int index;
    private final RequestMix mix;
    private final SplittableRandom random;
    private Intervals intervals;

    // keep-alive slots (open loop and closed loop)
    private final Connection[] slots;
    private final boolean[] everReady;
    private int readyCount;
    private final long[] reconnectAt;
    private long earliestReconnect = Long.MAX_VALUE;
    private final int[] roomRing;
    private int roomHead;
    private int roomCount;

    // one request per connection
    private final int oneRequestCap;
    private final Connection[] active;
    private int activeCount;
    private final ArrayDeque<Connection> pool = new ArrayDeque<>();
    private long permitFreedNanos = Long.MIN_VALUE;

    // requests to send again, announced-close victims
    private long[] resendIntended = new long[64];
    private long[] resendReady = new long[64];
    private int[] resendTemplate = new int[64];
    private int resendHead;
    private int resendCount;

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
        this.templates = templates;
        this.address = address;
        this.ssl = ssl;
        this.index = index;
        this.mode = config.mode();
        this.mix = new RequestMix(config.templates());
        this.random = new SplittableRandom(config.seed() + index);
        this.selector = Selector.open();
        boolean oneRequest = mode == DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST;
        int n = oneRequest ? 0 : slotCount;
        slots = new Connection[n];
        everReady = new boolean[n];
        reconnectAt = new long[n];
        Arrays.fill(reconnectAt, Long.MAX_VALUE);
        roomRing = new int[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            slots[i] = new Connection(this, recorders, templates, i, config.pipelineDepth(), config.bodyCheckEvery(),
                    ssl != null);
        }
        oneRequestCap = oneRequest ? slotCount : 0;
        active = new Connection[oneRequestCap];
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
        long now = System.nanoTime();
        long deadline = now + timeoutNanos;
        for (int i = 0; i < slots.length; i++) {
            open(i, now);
        }
        while (readyCount < slots.length) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("only " + readyCount + " of " + slots.length + " connections to "
                        + address.getHostString() + ":" + address.getPort() + " were ready after "
                        + timeoutNanos / 1_000_000_000 + " s");
            }
            selector.select(onKey, 1);
            reconnects(System.nanoTime());
        }
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
            if (now - earliestReconnect >= 0 && (roomCount == 0 || nextSendNanos(now) - now > QUIET_NANOS
                    || now - earliestReconnect > RECONNECT_GRACE_NANOS)) {
                reconnects(now); // a connect costs tens of microseconds: not just before a send, unless it must
            }
            if (now - nextHousekeeping >= 0) {
                housekeeping(now);
                nextHousekeeping = now + HOUSEKEEPING_NANOS;
            }
            long wake = Math.min(nextHousekeeping, earliestReconnect);
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
                return activeCount < oneRequestCap && nextIntended - endNanos < 0 ? nextIntended : Long.MAX_VALUE;
            }
            default -> {
                if (roomCount == 0) {
                    return Long.MAX_VALUE;
                }
                if (resendCount > 0) {
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
                    for (Connection c : slots) {
                        fillClosedLoop(c, now);
                    }
                    return true;
                }
                return false;
            }
            case OPEN_CONNECTION_PER_REQUEST -> {
                boolean any = false;
                while (nextIntended - now <= 0 && nextIntended - endNanos < 0 && activeCount < oneRequestCap) {
                    startOneRequest(mix.pickIndex(random), nextIntended, Math.max(nextIntended, permitFreedNanos), now);
                    nextIntended = schedule.next();
                    any = true;
                }
                return any;
            }
            default -> {
                boolean any = false;
                while (resendCount > 0) {
                    Connection c = takeRoom();
                    if (c == null) {
                        return any;
                    }
                    int i = resendHead;
                    resendHead = (resendHead + 1) % resendIntended.length;
                    resendCount--;
                    c.send(resendTemplate[i], resendIntended[i], Math.max(resendReady[i], c.freeSinceNanos));
                    requeue(c);
                    any = true;
                }
                while (nextIntended - now <= 0 && nextIntended - endNanos < 0) {
                    Connection c = takeRoom();
                    if (c == null) {
                        return any;
                    }
                    c.send(mix.pickIndex(random), nextIntended, Math.max(nextIntended, c.freeSinceNanos));
                    requeue(c);
                    nextIntended = schedule.next();
                    any = true;
                }
                return any;
            }
        }
    }

    /** Nothing in flight and nothing to send for a while: the moment to take an interval. */
    private boolean quiet(long now) {
        if (nextSendNanos(now) - now < QUIET_NANOS || activeCount > 0) {
            return false;
        }
        for (Connection c : slots) {
            if (c.inFlight() > 0) {
                return false;
            }
        }
        return true;
    }

    /** True when everything the measurement sent or still owes has been answered (or failed). */
    private boolean drained() {
        if (resendCount > 0 || activeCount > 0) {
            return false;
        }
        if (mode != DriverConfig.Mode.CLOSED_LOOP && nextIntended - endNanos < 0) {
            return false;
        }
        for (Connection c : slots) {
            if (c.inFlight() > 0) {
                return false;
            }
        }
        return true;
    }

    private void housekeeping(long now) {
        long timeout = config.timeoutNanos();
        for (Connection c : slots) {
            if (c.state == Connection.READY && c.inFlight() > 0 && now - c.oldestSentNanos() > timeout) {
                c.unannounced(now, recorders.timeouts, "timeout after " + timeout / 1_000_000 + " ms");
            } else if ((c.state == Connection.CONNECTING || c.state == Connection.HANDSHAKING)
                    && now - c.openedNanos > timeout) {
                c.connectTimedOut(timeout); // counted as a connect error; the slot tries again
            }
        }
        for (int i = activeCount - 1; i >= 0; i--) {
            Connection c = active[i];
            if (now - c.openedNanos > timeout) {
                c.unannounced(now, recorders.timeouts, "timeout after " + timeout / 1_000_000 + " ms");
            }
        }
    }

    /**
     * Ends the run: requests still in flight are timeouts, requests due but never written are timeouts (keep-alive:
     * no connection was free) or never sent (one request per connection); closes everything.
     */
    void finish() {
        finished = true;
        long now = System.nanoTime();
        for (Connection c : slots) {
            c.failAll(recorders.timeouts, "unanswered when the run ended");
            c.close();
        }
        for (int i = activeCount - 1; i >= 0; i--) {
            active[i].failAll(recorders.timeouts, "unanswered when the run ended");
            active[i].close();
        }
        activeCount = 0;
        while (resendCount > 0) {
            recorders.recordError(recorders.timeouts, resendIntended[resendHead],
                    "never sent: no connection was free before the end");
            resendHead = (resendHead + 1) % resendIntended.length;
            resendCount--;
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
        for (Connection c : slots) {
            c.close();
        }
        for (int i = activeCount - 1; i >= 0; i--) {
            active[i].close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    // ---------------------------------------------------------------- keep-alive slots

    private void open(int slot, long now) {
        reconnectAt[slot] = Long.MAX_VALUE;
        try {
            slots[slot].open(now);
        } catch (IOException e) {
            if (recorders.countError(recorders.connectErrors, now)) {
                recorders.addErrorMessage("connect failed: " + e);
            }
            slots[slot].close();
            retryLater(slot, now + RECONNECT_DELAY_NANOS);
        }
    }

    private void retryLater(int slot, long at) {
        reconnectAt[slot] = at;
        earliestReconnect = Math.min(earliestReconnect, at);
    }

    private void reconnects(long now) {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < slots.length; i++) {
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

    private Connection takeRoom() {
        while (roomCount > 0) {
            Connection c = slots[roomRing[roomHead]];
            roomHead = (roomHead + 1) % roomRing.length;
            roomCount--;
            c.queued = false;
            if (c.hasRoom()) {
                return c;
            }
        }
        return null;
    }

    private void requeue(Connection c) {
        if (!c.queued && c.hasRoom()) {
            c.queued = true;
            roomRing[(roomHead + roomCount) % roomRing.length] = c.slot;
            roomCount++;
        }
    }

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
        if (!everReady[c.slot]) {
            everReady[c.slot] = true;
            readyCount++;
        }
        if (mode == DriverConfig.Mode.CLOSED_LOOP) {
            if (closedLoopStarted) {
                fillClosedLoop(c, now);
            }
        } else {
            requeue(c);
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
            requeue(c);
        }
    }

    /**
     * A keep-alive connection closed; its slot reconnects at once.
     *
     * @param announced the server announced the close, or closed an idle connection
     */
    void connectionClosed(Connection c, long now, boolean announced) {
        if (!finished) {
            retryLater(c.slot, now);
        }
    }

    /** A connect or TLS handshake failed (already counted). */
    void connectFailed(Connection c, long now) {
        if (c.slot < 0) {
            oneRequestDone(c, now);
        } else if (!finished) {
            retryLater(c.slot, now + RECONNECT_DELAY_NANOS);
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
        if (resendCount == resendIntended.length) {
            growResend();
        }
        int i = (resendHead + resendCount) % resendIntended.length;
        resendIntended[i] = intendedNanos;
        resendReady[i] = now;
        resendTemplate[i] = template;
        resendCount++;
    }

    private void growResend() {
        int n = resendIntended.length;
        long[] in = new long[n * 2];
        long[] re = new long[n * 2];
        int[] te = new int[n * 2];
        for (int k = 0; k < resendCount; k++) {
            int i = (resendHead + k) % n;
            in[k] = resendIntended[i];
            re[k] = resendReady[i];
            te[k] = resendTemplate[i];
        }
        resendIntended = in;
        resendReady = re;
        resendTemplate = te;
        resendHead = 0;
    }

    // ---------------------------------------------------------------- one request per connection

    private void startOneRequest(int template, long intendedNanos, long readyNanos, long now) {
        Connection c = pool.poll();
        if (c == null) {
            c = new Connection(this, recorders, templates, -1, 1, 1, ssl != null);
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
            oneRequestDone(c, now);
        }
    }

    /** A one-request connection finished, successfully or not; its permit is free again. */
    void oneRequestDone(Connection c, long now) {
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
}

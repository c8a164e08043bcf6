package dev.concurrencybench.server.eventloop;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.connection.SocketOptions;
import dev.concurrencybench.pipeline.process.RequestProcessor;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One selector loop: it accepts (when it owns the listening channel), reads, drives each connection's
 * {@link HttpConnection}, runs timers and runs tasks posted from other threads, all on the one thread that calls
 * {@link #run()}. It creates no thread itself; {@link EventLoopServer} does.
 *
 * <p>Each iteration: wait in {@link Selector#select(long)} until a channel is ready, a task is posted
 * ({@link Selector#wakeup()}) or the earliest timer is due; handle the ready keys; run the posted tasks; run the
 * due timers. Timers are a {@link PriorityQueue} of deadlines; their resolution is the selector's: the timeout is
 * rounded <em>up</em> to whole milliseconds (epoll's unit), so a timer fires at or up to ~1 ms after its deadline,
 * never early and never by spinning.
 *
 * <p>Timeouts are a sweep every {@value #SWEEP_MILLIS} ms over this loop's connections (idle between requests,
 * header read from a request's first byte, a stalled write, a body below the minimum request data rate — answered
 * {@code 408}), so no timer is created or cancelled per read.
 *
 * <p>Connection limit: one counter of open connections shared by all loops. Before each accept the acceptor loop
 * compares it with {@code maxConnections}; at the limit it drops {@code OP_ACCEPT} from the listener's interest set
 * (connections wait in the kernel's backlog), and the close that brings the count back under the limit posts a
 * task to the acceptor loop that asks for {@code OP_ACCEPT} again.
 *
 * <p>Threading: everything except {@link #execute}, {@link #stopAccepting} and {@link #beginShutdown} must be called
 * on the loop thread; those three only post a task and wake the selector.
 */
final class EventLoop implements Runnable {

    static final long SWEEP_MILLIS = 100;
    /** Connections taken per accept readiness before other keys get a turn. */
    private static final int ACCEPT_BATCH = 64;
    /** Posted tasks run per iteration, so a stream of offload completions cannot starve the selector. */
    private static final int TASK_BATCH = 1024;
    /** After accept() fails (EMFILE, ENFILE), accepting pauses this long instead of spinning on the ready key. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final Pipeline pipeline;
    private final StageRecorders stages;
    private final Selector selector;
    private final Executor offload;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::deadline).thenComparingLong(Timer::sequence));
    private final Set<LoopConnection> connections = new HashSet<>();
    private final AtomicInteger open;
    private final int maxConnections;
    private EventLoop acceptor;         // the loop that owns the listener; set before the threads start
    private boolean pausedAtLimit;      // acceptor only: OP_ACCEPT dropped because of the connection limit
    private long timerSequence;
    private volatile Thread thread;
    private volatile int adopted;

    private ServerSocketChannel listener;
    private SelectionKey listenerKey;
    private List<EventLoop> group = List.of();
    private int nextLoop;

    private boolean draining;
    private long drainDeadline;
    private boolean terminated;

    /**
     * @param offload the CPU offload pool, or null to run CPU work on this loop
     * @param open    open connections of the whole server, shared by its loops
     */
    EventLoop(Pipeline pipeline, Selector selector, Executor offload, AtomicInteger open) {
        this.pipeline = pipeline;
        this.stages = pipeline.stages();
        this.selector = selector;
        this.offload = offload;
        this.open = open;
        this.maxConnections = pipeline.config().maxConnections();
    }

    /**
     * Makes this loop the acceptor: it takes connections from {@code listener} and hands them round-robin to
     * {@code group} (itself included). Call before the loop thread starts.
     */
    void listen(ServerSocketChannel listener, List<EventLoop> group) throws IOException {
        this.listener = listener;
        this.group = List.copyOf(group);
        this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        for (EventLoop loop : group) loop.acceptor = this;
    }

    /** Connections this loop has been given since it started (for tests and diagnostics). */
    int adoptedConnections() {
        return adopted;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        schedule(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), this::sweep);
        while (!terminated) {
            try {
                iterate();
            } catch (Throwable t) {
                // A connection's failure closes that connection where it happens; reaching here is a bug in the
                // loop itself. The loop must outlive it: every other connection depends on this one thread.
                System.err.println(thread.getName() + ": unexpected " + t);
            }
        }
        finish();
    }

    /** Posts {@code task} to run on this loop; callable from any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) selector.wakeup();
    }

    /** Runs {@code action} on this loop after {@code delayNanos}. Loop thread only. */
    void schedule(long delayNanos, Runnable action) {
        timers.add(new Timer(System.nanoTime() + delayNanos, timerSequence++, action));
    }

    /** The CPU offload pool, or null when CPU work runs on the loop. */
    Executor offload() {
        return offload;
    }

    RequestProcessor processor() {
        return pipeline.processor();
    }

    StageRecorders stages() {
        return stages;
    }

    /** True once shutdown began: in-flight requests finish, then their connections close. */
    boolean draining() {
        return draining;
    }

    void forget(LoopConnection connection) {
        connections.remove(connection);
        released();
    }

    /** A counted connection closed; the one that brings the count under the limit lets the acceptor accept again. */
    private void released() {
        if (open.decrementAndGet() == maxConnections - 1 && acceptor != null) {
            EventLoop a = acceptor;
            a.execute(a::resumeAfterLimit);
        }
    }

    private void resumeAfterLimit() {
        if (!pausedAtLimit) return;
        pausedAtLimit = false;
        if (listenerKey != null && listenerKey.isValid()) listenerKey.interestOps(SelectionKey.OP_ACCEPT);
    }

    /**
     * Closes the listening channel (freeing the port) and then counts {@code done} down. Any thread. Channels this
     * loop handed to other loops before that are already in their task queues, ahead of their shutdown task.
     */
    void stopAccepting(CountDownLatch done) {
        execute(() -> {
            try {
                closeListener();
            } finally {
                done.countDown();
            }
        });
    }

    /** Starts the graceful stop: idle connections close now, in-flight ones after their response. Any thread. */
    void beginShutdown(long graceNanos) {
        execute(() -> {
            draining = true;
            drainDeadline = System.nanoTime() + graceNanos;
            closeListener();
            for (LoopConnection c : new ArrayList<>(connections)) c.shutdown();
        });
    }

    private void iterate() throws IOException {
        long timeoutMillis = selectTimeoutMillis();
        int ready = timeoutMillis == 0 ? selector.selectNow() : selector.select(timeoutMillis);
        long selectedAt = stages.now();
        // Not "ready > 0": closeListener()'s selectNow() may have left keys in the selected set already.
        if (ready > 0 || !selector.selectedKeys().isEmpty()) {
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                handle(key, selectedAt);
            }
        }
        runTasks();
        runDueTimers();
        if (draining && (connections.isEmpty() || System.nanoTime() - drainDeadline >= 0)) terminated = true;
    }

    private long selectTimeoutMillis() {
        if (!tasks.isEmpty()) return 0;
        Timer next = timers.peek();
        if (next == null) return SWEEP_MILLIS;
        long left = next.deadline() - System.nanoTime();
        if (left <= 0) return 0;
        long millis = (left + 999_999) / 1_000_000; // round up: a timer may fire late, never early
        if (draining) millis = Math.min(millis, Math.max(1, (drainDeadline - System.nanoTime() + 999_999) / 1_000_000));
        return millis;
    }

    private void handle(SelectionKey key, long selectedAt) {
        if (!key.isValid()) return;
        if (key.attachment() instanceof LoopConnection connection) {
            connection.onReady(key.readyOps(), selectedAt);
        } else if (key == listenerKey) {
            acceptReady();
        }
    }

    private void acceptReady() {
        for (int i = 0; i < ACCEPT_BATCH && listener != null; i++) {
            if (open.get() >= maxConnections) {
                // Leave the rest in the kernel's backlog; released() asks for OP_ACCEPT again.
                pausedAtLimit = true;
                listenerKey.interestOps(0);
                return;
            }
            long start = stages.now();
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                pauseAccepting();
                return;
            }
            if (channel == null) return;
            try {
                channel.configureBlocking(false);
                SocketOptions.configure(channel);
            } catch (IOException e) {
                closeQuietly(channel);
                continue;
            }
            stages.recordSince(Stage.ACCEPT, start);
            open.incrementAndGet(); // released when the connection closes, on whichever loop serves it
            EventLoop target = group.get(nextLoop);
            nextLoop = (nextLoop + 1) % group.size();
            if (target == this) {
                adopt(channel);
            } else {
                target.execute(() -> target.adopt(channel));
            }
        }
    }

    /** Too many open files (or similar): stop polling the listener for a while; the backlog holds the rest. */
    private void pauseAccepting() {
        SelectionKey key = listenerKey;
        if (key == null || !key.isValid()) return;
        key.interestOps(0);
        schedule(TimeUnit.MILLISECONDS.toNanos(ACCEPT_RETRY_MILLIS), () -> {
            if (key.isValid()) key.interestOps(SelectionKey.OP_ACCEPT);
        });
    }

    private void adopt(SocketChannel channel) {
        if (draining || terminated) {
            closeQuietly(channel);
            released();
            return;
        }
        try {
            HttpConnection http = pipeline.newConnection();
            LoopConnection connection = new LoopConnection(this, channel, http);
            connection.register(selector);
            connections.add(connection);
            adopted++;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            released();
        }
    }

    private void runTasks() {
        for (int i = 0; i < TASK_BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) return;
            runGuarded(task);
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        Timer next;
        // Only timers due at entry: one scheduled by a running timer waits for the next iteration.
        while ((next = timers.peek()) != null && next.deadline() - now <= 0) {
            timers.poll();
            runGuarded(next.action());
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (LoopConnection c : new ArrayList<>(connections)) {
            if (c.belowMinDataRate(now)) continue; // answered 408, closing after the write
            if (c.timedOut(now, pipeline.config().limits())) c.close();
        }
        schedule(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), this::sweep);
    }

    private void runGuarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // Connection actions guard themselves; a failure here belongs to no connection and must not end the loop.
            System.err.println(Thread.currentThread().getName() + ": task failed: " + e);
        }
    }

    private void closeListener() {
        if (listener == null) return;
        if (listenerKey != null) listenerKey.cancel();
        closeQuietly(listener);
        listener = null;
        listenerKey = null;
        try {
            // A registered channel's socket is only released when its key is deregistered, i.e. at the next
            // selection; do it now so the port is free when stopAccepting() reports done.
            selector.selectNow();
        } catch (IOException ignored) {
            // the selector is closing too
        }
    }

    private void finish() {
        closeListener();
        for (LoopConnection c : new ArrayList<>(connections)) c.close();
        runTasks(); // channels handed over at the last moment are closed by adopt()
        closeQuietly(selector);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on an error or shutdown path: nothing useful to report
        }
    }

    private record Timer(long deadline, long sequence, Runnable action) {}
}

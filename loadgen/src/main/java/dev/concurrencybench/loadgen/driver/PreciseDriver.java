package dev.concurrencybench.loadgen.driver;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;

/**
 * The precise driver. Threads: the caller's thread is the <em>sender</em> (paces the schedule and picks a
 * connection), {@link DriverConfig#ioThreads()} Netty event loops do all socket I/O and recording, and one
 * {@link IntervalReporter} thread takes a snapshot each second.
 *
 * <p>Back-pressure: at most {@code connections × pipelineDepth} requests are in flight. A request due while all
 * slots are busy joins a backlog drained the moment a response frees a slot; its latency still runs from its
 * intended send time, so a stalled server shows in the corrected histogram instead of silently lowering the rate
 * (coordinated omission).
 */
public final class PreciseDriver {

    private static final long CONNECT_DEADLINE_NANOS = 10_000_000_000L;
    private static final long MAX_DRAIN_NANOS = 5_000_000_000L;

    private final DriverConfig config;
    private final LatencyRecorders recorders;
    private final int slots;
    private final AtomicReferenceArray<ConnectionHandler> handlers;
    private final AtomicInteger[] inFlight;
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private final Semaphore permits;
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final java.util.concurrent.ConcurrentLinkedDeque<Pending> backlog = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final RequestMix mix;
    private volatile boolean running = true;
    private volatile long endNanos = Long.MAX_VALUE;
    private EventLoopGroup group;
    private Bootstrap bootstrap;

    private PreciseDriver(DriverConfig config) {
        this.config = config;
        this.recorders = new LatencyRecorders(config.templates());
        this.slots = config.connections();
        this.handlers = new AtomicReferenceArray<>(slots);
        this.inFlight = new AtomicInteger[slots];
        for (int i = 0; i < slots; i++) {
            inFlight[i] = new AtomicInteger();
        }
        int permitCount = config.mode() == DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST
                ? slots : slots * config.pipelineDepth();
        this.permits = new Semaphore(permitCount);
        this.mix = new RequestMix(config.templates());
    }

    /**
     * Runs warm-up plus measurement and returns what was measured. Blocks the calling thread, which becomes the
     * sender; returns early (with what was measured so far) when interrupted.
     *
     * @param config   the run
     * @param listener receives an {@link Interval} about every second of the measurement, or null
     * @return the measurement
     * @throws java.io.IOException when the keep-alive connections cannot be established before measurement
     */
    public static DriverResult run(DriverConfig config, Interval.Listener listener) throws java.io.IOException {
        return new PreciseDriver(config).execute(listener);
    }

    private DriverResult execute(Interval.Listener listener) throws java.io.IOException {
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(),
                new DefaultThreadFactory("loadgen-io", true), NioIoHandler.newFactory());
        IntervalReporter reporter = null;
        try {
            SslContext ssl = config.target().tls() ? clientSsl() : null;
            bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .remoteAddress(config.target().host(), config.target().port());
            if (config.mode() != DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST) {
                connectAll(ssl);
            }
            long start = System.nanoTime() + 1_000_000;
            long measureStart = start + config.warmupNanos();
            endNanos = measureStart + config.durationNanos();
            recorders.windowStartNanos = measureStart;
            recorders.windowEndNanos = endNanos;
            reporter = new IntervalReporter(recorders, measureStart, endNanos, listener);
            reporter.start();
            try {
                switch (config.mode()) {
                    case OPEN_KEEP_ALIVE, OPEN_CONNECTION_PER_REQUEST -> sendOnSchedule(start, ssl);
                    case CLOSED_LOOP -> closedLoop(ssl);
                }
                drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
            for (int i = 0; i < slots; i++) {
                ConnectionHandler h = handlers.get(i);
                if (h != null && h.channel() != null) {
                    h.channel().eventLoop().execute(() -> {
                        h.failAll(recorders.timeouts, "unanswered when the run ended");
                        h.channel().close();
                    });
                }
            }
            long measured = Math.min(System.nanoTime(), endNanos) - measureStart;
            reporter.finish();
            return reporter.result(config, Math.max(measured, 1), recorders.firstErrors());
        } finally {
            running = false;
            if (reporter != null) {
                reporter.interrupt();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static SslContext clientSsl() throws SSLException {
        // Servers under test use self-signed certificates; trust is not what is measured.
        return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    private ChannelFuture connect(SslContext ssl, ConnectionHandler handler) {
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), config.target().host(), config.target().port()));
                }
                ch.pipeline().addLast(new HttpResponseDecoder(), handler);
            }
        });
        return b.connect();
    }

    private void connectAll(SslContext ssl) throws java.io.IOException {
        for (int i = 0; i < slots; i++) {
            openSlot(ssl, i);
        }
        long deadline = System.nanoTime() + CONNECT_DEADLINE_NANOS;
        while (readyCount.get() < slots) {
            if (System.nanoTime() - deadline > 0) {
                throw new java.io.IOException("only " + readyCount.get() + " of " + slots + " connections to "
                        + config.target().hostHeader() + " were ready after 10 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void openSlot(SslContext ssl, int slot) {
        ConnectionHandler h = new ConnectionHandler(new SlotOwner(slot, ssl), recorders, ssl != null,
                config.bodyCheckEvery(), config.timeoutNanos());
        connect(ssl, h).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                recorders.connectErrors.increment();
                if (running) {
                    f.channel().eventLoop().schedule(() -> openSlot(ssl, slot), 100, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    private void sendOnSchedule(long start, SslContext ssl) throws InterruptedException {
        Schedule schedule = config.poisson()
                ? Schedule.poisson(start, config.ratePerSecond(), config.seed())
                : Schedule.constant(start, config.ratePerSecond());
        SplittableRandom random = new SplittableRandom(config.seed());
        boolean perRequest = config.mode() == DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST;
        long blockedUntil = Long.MIN_VALUE;
        long t;
        while ((t = schedule.next()) - endNanos < 0) {
            Pacer.waitUntil(t);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!perRequest) {
                // never blocks: when every slot is busy the request joins the backlog, which the event loops
                // drain the moment a response frees a slot (no thread hand-off per request while catching up)
                Pending p = new Pending(t, t, mix.pick(random));
                if (backlog.isEmpty() && permits.tryAcquire()) {
                    dispatch(p);
                } else {
                    backlog.add(p);
                    drainBacklog();
                }
                continue;
            }
            if (!permits.tryAcquire()) {
                long left = endNanos - System.nanoTime();
                if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    recorders.recordError(recorders.notSent, t, null);
                    break;
                }
                blockedUntil = System.nanoTime();
            }
            totalInFlight.incrementAndGet();
            sendOnNewConnection(ssl, new Pending(t, Math.max(t, blockedUntil), mix.pick(random)));
        }
        while ((t = schedule.next()) - endNanos < 0) {
            recorders.recordError(recorders.notSent, t, null);
        }
    }

    /** Sends a request for which a permit is held on a connection with a free slot. Any thread. */
    private void dispatch(Pending p) {
        int start = nextSlot.getAndIncrement();
        for (int k = 0; k < slots; k++) {
            int s = Math.floorMod(start + k, slots);
            ConnectionHandler h = handlers.get(s);
            if (h != null) {
                int n = inFlight[s].get();
                if (n < config.pipelineDepth() && inFlight[s].compareAndSet(n, n + 1)) {
                    totalInFlight.incrementAndGet();
                    h.send(p);
                    return;
                }
            }
        }
        // every slot with room is reconnecting: back to the head of the queue; ready() drains it again
        backlog.addFirst(p);
        permits.release();
    }

    /** Moves backlog requests onto free slots while both exist. Any thread. */
    private void drainBacklog() {
        while (!backlog.isEmpty() && permits.tryAcquire()) {
            Pending p = backlog.poll();
            if (p == null) {
                permits.release();
                return;
            }
            p.readyNanos = System.nanoTime();
            dispatch(p);
        }
    }

    private void sendOnNewConnection(SslContext ssl, Pending p) {
        p.sentNanos = System.nanoTime();
        boolean[] done = {false};
        ConnectionHandler.Owner owner = new ConnectionHandler.Owner() {
            @Override
            public void ready(ConnectionHandler h) {
                h.send(p);
            }

            @Override
            public void finished(ConnectionHandler h, Pending finished) {
                done[0] = true;
                release();
                h.channel().close();
            }

            @Override
            public void closed(ConnectionHandler h) {
                if (!done[0]) {
                    done[0] = true;
                    recorders.recordError(recorders.connectErrors, p.intendedNanos, "closed during connect/handshake");
                    release();
                }
            }
        };
        ConnectionHandler h = new ConnectionHandler(owner, recorders, ssl != null, config.bodyCheckEvery(),
                config.timeoutNanos());
        connect(ssl, h).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && !done[0]) {
                done[0] = true;
                recorders.recordError(recorders.connectErrors, p.intendedNanos, "connect failed: " + f.cause());
                release();
            }
        });
    }

    private void release() {
        totalInFlight.decrementAndGet();
        permits.release();
    }

    private void closedLoop(SslContext ssl) throws InterruptedException {
        for (int i = 0; i < slots; i++) {
            ConnectionHandler h = handlers.get(i);
            if (h != null) {
                h.channel().eventLoop().execute(() -> {
                    for (int d = 0; d < config.pipelineDepth(); d++) {
                        sendClosed(h, d);
                    }
                });
            }
        }
        long left;
        while ((left = endNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000));
        }
    }

    private final SplittableRandom closedRandom = new SplittableRandom(7);

    private void sendClosed(ConnectionHandler h, int salt) {
        long now = System.nanoTime();
        if (!running || now - endNanos >= 0) {
            return;
        }
        RequestTemplate t;
        synchronized (closedRandom) {
            t = mix.pick(closedRandom);
        }
        totalInFlight.incrementAndGet();
        h.send(new Pending(now, now, t));
    }

    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(config.timeoutNanos(), MAX_DRAIN_NANOS);
        while ((totalInFlight.get() > 0 || !backlog.isEmpty()) && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        Pending p;
        while ((p = backlog.poll()) != null) {
            recorders.recordError(recorders.timeouts, p.intendedNanos, "never sent: no connection was free before the end");
        }
    }

    /** Owner of a keep-alive slot: reconnects while the run lasts. */
    private final class SlotOwner implements ConnectionHandler.Owner {
        private final int slot;
        private final SslContext ssl;
        private boolean counted;

        SlotOwner(int slot, SslContext ssl) {
            this.slot = slot;
            this.ssl = ssl;
        }

        @Override
        public void ready(ConnectionHandler h) {
            handlers.set(slot, h);
            if (!counted) {
                counted = true;
                readyCount.incrementAndGet();
            }
            drainBacklog();
            if (config.mode() == DriverConfig.Mode.CLOSED_LOOP && endNanos != Long.MAX_VALUE) {
                for (int d = 0; d < config.pipelineDepth(); d++) {
                    sendClosed(h, d);
                }
            }
        }

        @Override
        public void finished(ConnectionHandler h, Pending p) {
            totalInFlight.decrementAndGet();
            if (config.mode() == DriverConfig.Mode.CLOSED_LOOP) {
                if (h.channel().isActive()) {
                    sendClosed(h, 0);
                }
            } else {
                inFlight[slot].decrementAndGet();
                permits.release();
                drainBacklog();
            }
        }

        @Override
        public void closed(ConnectionHandler h) {
            handlers.compareAndSet(slot, h, null);
            if (running) {
                h.channel().eventLoop().schedule(() -> openSlot(ssl, slot), 10, TimeUnit.MILLISECONDS);
            }
        }
    }
}

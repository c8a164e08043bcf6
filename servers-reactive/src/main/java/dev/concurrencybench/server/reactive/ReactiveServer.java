package dev.concurrencybench.server.reactive;

import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.connection.SocketOptions;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * The Reactor model: a Reactor Netty {@code TcpServer} on {@link ServerConfig#eventLoopThreadsOrDefault()} Netty
 * event-loop threads (default one per available processor, {@code --event-loops}), created here from one
 * {@link LoopResources} and named {@code reactive-nio-N}. The same loops accept and serve; each connection is pinned
 * to one loop for its life, and every step of it — decrypt, parse, decode, process, encode, write, timers — runs as a
 * Reactor operator on that loop. This is the only class of the model that creates threads, executors or schedulers.
 *
 * <p>Where blocking happens: nowhere by design. The {@code ioMicros} wait is a {@code Mono.delay} on a
 * {@link Scheduler} view of the connection's own {@link EventLoop} (no hop to Reactor's global schedulers), so the
 * loop serves other connections meanwhile and the request resumes on the same thread. CPU work runs inline on the
 * loop, and {@code blockMicros} deliberately blocks the loop — and with it every connection pinned there — which
 * is exactly the penalty the scenario measures. The transport is JDK NIO (not Netty's native epoll) so that all
 * four models move bytes through the same JDK socket code.
 *
 * <p>Backpressure: inbound data is pulled, never pushed. A connection's chain requests one inbound buffer at a time
 * (Reactor {@code concatMap} without prefetch) and asks for the next only after every request in the previous
 * buffer has been answered and written; when it has no outstanding demand Reactor Netty's receiver turns the
 * channel's auto-read off, so unread bytes stay in the kernel socket buffer and TCP flow control slows the client.
 * So at most a buffer or two per connection (one Netty read each, at most 64 KiB with Netty's adaptive allocator)
 * waits in memory beyond the connection's own parse buffer. Writes are awaited before the next request is
 * taken, so a slow reader stalls its own connection, not the server's memory.
 *
 * <p>Connection limit ({@code --max-connections}, default 16,384): a counter of open channels, taken when the
 * handler starts and given back by the channel's close future. Reactor Netty accepts on its own (the server channel
 * reads with auto-read), so the idiom here is to refuse after the fact: <b>a connection beyond the limit is accepted
 * and closed at once, without a byte</b> ({@link OverloadResponse#CLOSE}; the handler returns an empty
 * {@code Mono}, which makes Reactor Netty close the channel). Connections already held are not disturbed.
 *
 * <p>Shutdown ({@link #close()}, from any thread): the listening channel closes first (the port is free when it
 * returns), connections waiting for input close at once, a connection with a request in flight closes after that
 * response is written, and whatever remains after {@link ServerConfig#shutdownGraceMillis()} is closed; then the
 * event loops stop.
 */
public final class ReactiveServer implements Server {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LISTENER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOOPS_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** The model's answer at {@code --max-connections}. */
    static final OverloadResponse AT_MAX_CONNECTIONS = OverloadResponse.CLOSE;

    private final Pipeline pipeline;
    private final LoopResources loops;
    private final UnaryOperator<WaitStrategy> waitDecorator;
    /** One Reactor Scheduler per event loop, so a connection's timers and delays stay on its own thread. */
    private final Map<EventLoop, Scheduler> loopSchedulers = new ConcurrentHashMap<>();
    private final Set<ReactiveConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean shuttingDown;
    private DisposableServer listener;

    private ReactiveServer(Pipeline pipeline, UnaryOperator<WaitStrategy> waitDecorator) {
        this.pipeline = pipeline;
        this.waitDecorator = waitDecorator;
        this.loops = LoopResources.create("reactive", pipeline.config().eventLoopThreadsOrDefault(), true);
    }

    /** Binds and starts serving; returns once the port accepts connections. */
    public static Server start(ServerConfig config) throws IOException {
        return start(config, UnaryOperator.identity());
    }

    /** As {@link #start(ServerConfig)}, with each connection's wait strategy passed through {@code waitDecorator}. */
    static ReactiveServer start(ServerConfig config, UnaryOperator<WaitStrategy> waitDecorator) throws IOException {
        ReactiveServer server = new ReactiveServer(Pipeline.create(config), waitDecorator);
        try {
            server.listener = TcpServer.create()
                    .host(config.host())
                    .port(config.port())
                    .option(ChannelOption.SO_BACKLOG, config.backlog())
                    .childOption(ChannelOption.TCP_NODELAY, SocketOptions.TCP_NODELAY)
                    // A FIN ends input only: requests that came with it are still answered (see ReactiveConnection).
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .runOn(server.loops, false)
                    .handle((in, out) -> {
                        Connection[] connection = new Connection[1];
                        in.withConnection(c -> connection[0] = c);
                        return server.serve(connection[0], in, out);
                    })
                    .bindNow(BIND_TIMEOUT);
        } catch (RuntimeException e) {
            server.loops.disposeLater(Duration.ZERO, LOOPS_STOP_TIMEOUT).block();
            throw new IOException("cannot bind " + config.host() + ":" + config.port(), e);
        }
        return server;
    }

    private Mono<Void> serve(Connection connection, reactor.netty.NettyInbound in, reactor.netty.NettyOutbound out) {
        if (open.incrementAndGet() > pipeline.config().maxConnections()) {
            open.decrementAndGet();
            return Mono.empty(); // over the limit: Reactor Netty closes the channel when the handler completes
        }
        connection.channel().closeFuture().addListener(f -> open.decrementAndGet());
        EventLoop loop = connection.channel().eventLoop();
        // fromExecutorService keeps the loop time-capable (an EventLoop is a ScheduledExecutorService); the
        // Scheduler must never be disposed: that would shut the event loop down.
        Scheduler scheduler = loopSchedulers.computeIfAbsent(loop, l -> Schedulers.fromExecutorService(l, l.toString()));
        ReactiveConnection served;
        try {
            served = new ReactiveConnection(connection, in, out, pipeline, scheduler, waitDecorator, this);
        } catch (IOException e) {
            return Mono.empty(); // no TLS engine: nothing can be answered, the connection just closes
        }
        connections.add(served);
        // Added before the flag is read, so close() either sees this connection or this connection sees the flag.
        if (shuttingDown) {
            connections.remove(served);
            return Mono.empty();
        }
        return served.serve();
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    void closed(ReactiveConnection connection) {
        connections.remove(connection);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.address();
    }

    @Override
    public StageRecorders stages() {
        return pipeline.stages();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        shuttingDown = true;
        try {
            listener.disposeNow(LISTENER_CLOSE_TIMEOUT);
        } catch (IllegalStateException e) {
            // the listening channel did not report closed in time; the loops' shutdown below closes it anyway
        }
        List<Mono<Void>> closing = new ArrayList<>();
        for (ReactiveConnection c : connections) {
            closing.add(c.onClose());
            c.shutdown();
        }
        try {
            Mono.when(closing).block(Duration.ofMillis(Math.max(1, pipeline.config().shutdownGraceMillis())));
        } catch (IllegalStateException e) {
            // grace period over: close what is left, requests in flight included
        }
        connections.forEach(ReactiveConnection::closeNow);
        loops.disposeLater(Duration.ZERO, LOOPS_STOP_TIMEOUT).block();
    }
}

package dev.concurrencybench.server.eventloop;

import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event-loop model: <em>one</em> platform thread ({@code eventloop-1}) does everything — accept, non-blocking
 * read, TLS handshake/unwrap/wrap, parse, decode, process and non-blocking write — for every connection, driven by
 * one NIO {@link Selector}. This is the only class of the model that creates threads or executors.
 *
 * <p>Where blocking happens: nowhere in I/O. The {@code ioMicros} wait is a timer on the loop (serviced through the
 * selector's timeout), never a sleep. But CPU work ({@code cpuIterations}) and the deliberately blocking
 * {@code blockMicros} run <em>on the loop</em>, and while they run no other connection is read, answered or even
 * accepted: that is the model, and its penalty. {@code --offload-cpu-threads N} (default 0) moves the CPU work to a
 * pool of N platform threads ({@code eventloop-offload-*}) whose results are posted back to the loop, Node's worker
 * threads in miniature; {@code blockMicros} still runs on the loop.
 *
 * <p>Backpressure: a connection answers its requests one at a time in order; while a request is in flight (timer or
 * offload) its pipelined bytes stay buffered and it is not read; when the socket does not take a whole response the
 * connection waits for {@code OP_WRITE} and is not read until its output drains. Overload: the loop never refuses a
 * connection (no 503); connections it has not accepted yet wait in the kernel's listen backlog
 * ({@code backlog}), which is the only queue. The same holds at {@code --max-connections} (default 16,384, counted
 * over all loops): <b>at the limit the acceptor loop stops asking for {@code OP_ACCEPT}, so new connections wait in
 * the backlog</b> ({@link OverloadResponse#BACKLOG}, Tomcat's NIO connector does the same), and it asks again as
 * soon as a held connection closes.
 *
 * <p>{@code --loops N} (default 1; every published comparison uses 1) runs N independent loops, each with its own
 * selector and connections, Node's cluster mode in miniature. As in Node's default cluster scheduling, loop 1 owns the
 * one listening channel and hands accepted channels round-robin to all loops, itself included (a posted task on the
 * target loop, which registers the channel with its own selector). Chosen over {@code SO_REUSEPORT} because it
 * behaves the same on every OS, balances exactly rather than by the kernel's 4-tuple hash, and leaves N = 1 a
 * single thread that also accepts.
 *
 * <p>Stages: {@code accept} spans the non-blocking {@code accept()} plus socket configuration; {@code queue} is, for
 * each readable event, the time from {@code select()} returning to the loop getting to that connection — the
 * head-of-line wait behind the other ready connections (and behind their CPU and {@code blockMicros} work). It is a
 * lower bound: bytes that arrive while the loop is busy are only seen at the next {@code select()}. {@code read}
 * times one non-blocking read call, i.e. the copy out of the kernel.
 *
 * <p>Graceful shutdown ({@link #close()}, any thread): the acceptor loop closes the listening channel (port freed),
 * then every loop closes its idle connections, lets in-flight requests finish and be written, closes those
 * connections, and stops when it has none left or {@link ServerConfig#shutdownGraceMillis()} has passed; the
 * loop threads are joined and the offload pool is shut down.
 */
public final class EventLoopServer implements Server {

    /** Beyond the grace period, how long {@link #close()} waits for a loop stuck in a blocking step. */
    private static final long JOIN_MARGIN_MILLIS = 2_000;
    /** The model's answer at {@code --max-connections}. */
    public static final OverloadResponse AT_MAX_CONNECTIONS = OverloadResponse.BACKLOG;

    private final Pipeline pipeline;
    private final InetSocketAddress address;
    private final List<EventLoop> loops;
    private final List<Thread> threads;
    private final ExecutorService offload;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EventLoopServer(Pipeline pipeline, InetSocketAddress address, List<EventLoop> loops, List<Thread> threads,
                            ExecutorService offload) {
        this.pipeline = pipeline;
        this.address = address;
        this.loops = loops;
        this.threads = threads;
        this.offload = offload;
    }

    /** Binds, starts the loop thread(s) and the optional offload pool, and returns the running server. */
    public static EventLoopServer start(ServerConfig config) throws IOException {
        Pipeline pipeline = Pipeline.create(config);
        ExecutorService offload = config.offloadCpuThreads() > 0
                ? Executors.newFixedThreadPool(config.offloadCpuThreads(), named("eventloop-offload-"))
                : null;
        ServerSocketChannel listener = ServerSocketChannel.open();
        List<EventLoop> loops = new ArrayList<>();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
            listener.configureBlocking(false);
            AtomicInteger open = new AtomicInteger();
            for (int i = 0; i < config.loopsOrDefault(); i++) {
                loops.add(new EventLoop(pipeline, Selector.open(), offload, open));
            }
            loops.get(0).listen(listener, loops);
        } catch (IOException | RuntimeException e) {
            EventLoop.closeQuietly(listener);
            if (offload != null) offload.shutdownNow();
            throw e;
        }
        InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
        ThreadFactory loopThreads = named("eventloop-");
        List<Thread> threads = new ArrayList<>();
        for (EventLoop loop : loops) threads.add(loopThreads.newThread(loop));
        threads.forEach(Thread::start);
        return new EventLoopServer(pipeline, address, List.copyOf(loops), List.copyOf(threads), offload);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public StageRecorders stages() {
        return pipeline.stages();
    }

    /** Connections each loop has been given so far, in loop order (for tests and diagnostics). */
    int[] adoptedConnectionsPerLoop() {
        return loops.stream().mapToInt(EventLoop::adoptedConnections).toArray();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        long grace = pipeline.config().shutdownGraceMillis();
        boolean interrupted = false;
        // First stop accepting: after that, every channel the acceptor handed over is queued on its target loop
        // ahead of the shutdown task posted below, so none is adopted after its loop stopped.
        CountDownLatch stopped = new CountDownLatch(1);
        loops.get(0).stopAccepting(stopped);
        try {
            stopped.await(grace + JOIN_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        loops.forEach(loop -> loop.beginShutdown(TimeUnit.MILLISECONDS.toNanos(grace)));
        long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace + JOIN_MARGIN_MILLIS);
        for (Thread t : threads) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
                if (left > 0) t.join(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (offload != null) {
            offload.shutdownNow();
            try {
                offload.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return body -> {
            Thread t = new Thread(body, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

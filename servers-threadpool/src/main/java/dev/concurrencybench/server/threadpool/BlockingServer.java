package dev.concurrencybench.server.threadpool;

import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.connection.SocketOptions;
import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Accept loop, connection registry, read deadlines and graceful shutdown shared by the two blocking models. The
 * model supplies the threads: an acceptor thread, a deadline-sweeper thread and an executor that runs one
 * {@link BlockingConnection} per task. What happens when the executor refuses a connection is the model's decision
 * ({@code onRejected}).
 *
 * <p>Read deadlines: connections read without a socket timeout (see {@link BlockingConnection} for why); the
 * sweeper wakes every tenth of the shorter of the header-read and idle timeouts (10 ms to 1 s) and closes the
 * socket of each connection whose read is past its deadline. A timeout therefore fires up to a tenth late.
 *
 * <p>Connection limit ({@link dev.concurrencybench.pipeline.server.ServerConfig#maxConnections()}): a semaphore of
 * that many slots, one held by each connection from accept until its socket is closed (queued connections
 * included). The model chooses what one more gets ({@link OverloadResponse}): {@code BACKLOG} takes a slot
 * <em>before</em> calling accept(), so the acceptor waits and new connections stay in the kernel's listen backlog;
 * {@code SERVICE_UNAVAILABLE} and {@code CLOSE} accept and, with no slot free, hand the socket to
 * {@code onRejected}.
 *
 * <p>Shutdown: stop accepting (the listening socket closes, freeing the port), close connections whose threads wait
 * in read, let requests being processed finish and be written (their connections then close), and after the grace
 * period close whatever is left.
 */
public final class BlockingServer implements Server {

    private final ServerSocket listener;
    private final Pipeline pipeline;
    private final ExecutorService workers;
    private final Consumer<Socket> onRejected;
    private final OverloadResponse atLimit;
    private final Semaphore slots;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final Set<BlockingConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Thread sweeper;

    /**
     * Binds and starts accepting.
     *
     * @param acceptorFactory makes the (not yet started) acceptor thread from its body
     * @param sweeperFactory  makes the (not yet started) deadline-sweeper thread from its body
     * @param workers         runs each accepted connection
     * @param onRejected      answers a connection the executor refused, or one over the connection limit when
     *                        {@code atLimit} is not {@code BACKLOG}; it must close the socket
     * @param atLimit         the model's answer to a connection beyond the limit
     */
    public BlockingServer(Pipeline pipeline, Function<Runnable, Thread> acceptorFactory,
                          Function<Runnable, Thread> sweeperFactory, ExecutorService workers,
                          Consumer<Socket> onRejected, OverloadResponse atLimit) throws IOException {
        this.pipeline = pipeline;
        this.workers = workers;
        this.onRejected = onRejected;
        this.atLimit = atLimit;
        this.slots = new Semaphore(pipeline.config().maxConnections());
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(pipeline.config().host(), pipeline.config().port()),
                pipeline.config().backlog());
        this.acceptor = acceptorFactory.apply(this::acceptLoop);
        this.sweeper = sweeperFactory.apply(this::sweepLoop);
        acceptor.start();
        sweeper.start();
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public StageRecorders stages() {
        return pipeline.stages();
    }

    private void acceptLoop() {
        StageRecorders stages = pipeline.stages();
        boolean backlog = atLimit == OverloadResponse.BACKLOG;
        while (!shuttingDown.get()) {
            if (backlog) {
                try {
                    slots.acquire(); // at the limit, wait here: new connections stay in the kernel's backlog
                } catch (InterruptedException e) {
                    return; // close() interrupts a waiting acceptor
                }
            }
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (backlog) slots.release();
                if (shuttingDown.get() || listener.isClosed()) return;
                continue; // e.g. EMFILE: keep serving the connections we have
            }
            if (!backlog && !slots.tryAcquire()) {
                onRejected.accept(socket);
                continue;
            }
            // From here the socket holds a slot until it is closed.
            long accepted = stages.now();
            try {
                SocketOptions.configure(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                slots.release();
                continue;
            }
            stages.recordSince(Stage.ACCEPT, accepted);
            BlockingConnection[] self = new BlockingConnection[1];
            BlockingConnection connection = new BlockingConnection(socket, pipeline, shuttingDown, stages.now(),
                    () -> {
                        connections.remove(self[0]);
                        slots.release();
                    });
            self[0] = connection;
            connections.add(connection);
            try {
                workers.execute(connection);
            } catch (RejectedExecutionException e) {
                connections.remove(connection);
                slots.release();
                if (shuttingDown.get()) closeQuietly(socket);
                else onRejected.accept(socket);
            }
        }
    }

    /** Closes connections whose read has passed its deadline, until shutdown. */
    private void sweepLoop() {
        HttpLimits limits = pipeline.config().limits();
        long periodMillis = Math.clamp(Math.min(limits.headerReadTimeoutMillis(), limits.idleTimeoutMillis()) / 10,
                10, 1_000);
        while (!shuttingDown.get()) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (BlockingConnection c : connections) c.expireIfOverdue(now);
        }
    }

    @Override
    public void close() {
        if (!shuttingDown.compareAndSet(false, true)) return;
        sweeper.interrupt();
        closeQuietly(listener);
        acceptor.interrupt(); // an acceptor waiting for a free slot is not woken by the listener closing
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(BlockingConnection::closeIfIdle);
        // Connections still queued (never started) will see the shutdown flag at their first read and close.
        workers.shutdown();
        try {
            if (!workers.awaitTermination(pipeline.config().shutdownGraceMillis(), TimeUnit.MILLISECONDS)) {
                connections.forEach(BlockingConnection::closeQuietly);
                workers.shutdownNow();
                workers.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            connections.forEach(BlockingConnection::closeQuietly);
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Closes {@code c}, ignoring failure: for error and shutdown paths. */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on an error or shutdown path: nothing useful to report
        }
    }
}

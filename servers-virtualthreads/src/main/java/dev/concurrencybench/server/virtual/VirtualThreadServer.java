package dev.concurrencybench.server.virtual;

import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.server.threadpool.BlockingServer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The virtual-thread model: one virtual thread accepts, and every accepted connection gets a virtual thread of its
 * own that serves it start to finish with blocking calls — the very same {@code BlockingServer} and serve loop as the
 * thread-pool model, so the two differ only in the thread underneath. One more virtual thread enforces the read
 * timeouts (reads are untimed: a timed park would schedule and cancel a JDK timer task on every read). This is the
 * only class of the model that creates threads.
 *
 * <p>Where blocking happens: reads, writes, the {@code ioMicros} sleep and the {@code blockMicros} wait all block
 * the <em>virtual</em> thread, which unmounts from its carrier; the carrier runs other connections meanwhile. Nothing
 * in the serve path holds a monitor across a blocking call (the JDK socket implementation uses
 * {@code ReentrantLock}), so no virtual thread pins its carrier; a test asserts this through JFR's
 * {@code jdk.VirtualThreadPinned} event.
 *
 * <p>Carriers: the JDK's default scheduler, a {@code ForkJoinPool} whose parallelism is the number of available
 * processors (so {@code -XX:ActiveProcessorCount} sets it too). Change it with the system property
 * {@code -Djdk.virtualThreadScheduler.parallelism=N} (and {@code ...maxPoolSize} for compensation while a carrier is
 * blocked in a pinned or file-system call).
 *
 * <p>Overload and backpressure: there is no pool to exhaust and no queue in front of the connections — every accepted
 * connection is served at once, and an overloaded server shows up as many runnable virtual threads sharing few
 * carriers (latency). The bound is {@code --max-connections} (default 16,384), enforced the way one limits
 * concurrency with virtual threads, by a semaphore rather than a pool: <b>at the limit the acceptor waits for a
 * permit before calling accept(), so further connections wait in the kernel's listen backlog</b>
 * ({@link OverloadResponse#BACKLOG}) and are accepted, in order, as held connections close; beyond the backlog the
 * kernel drops SYNs and clients retry.
 */
public final class VirtualThreadServer {

    /** The model's answer at {@code --max-connections}. */
    public static final OverloadResponse AT_MAX_CONNECTIONS = OverloadResponse.BACKLOG;

    private VirtualThreadServer() {}

    /** Binds, starts the acceptor and returns the running server. */
    public static Server start(ServerConfig config) throws IOException {
        Pipeline pipeline = Pipeline.create(config);
        ExecutorService perConnection = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("virtual-conn-", 1).factory());
        Thread.Builder acceptor = Thread.ofVirtual().name("virtual-acceptor");
        Thread.Builder sweeper = Thread.ofVirtual().name("virtual-deadlines");
        return new BlockingServer(pipeline, acceptor::unstarted, sweeper::unstarted, perConnection,
                socket -> BlockingServer.closeQuietly(socket), AT_MAX_CONNECTIONS);
    }
}

package dev.concurrencybench.server.threadpool;

import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread-pool model: one platform acceptor thread and a fixed pool of platform worker threads (default 200,
 * {@code --threads}), each serving <em>one connection at a time</em>, start to finish, with blocking socket I/O,
 * plus one platform thread that enforces the read timeouts (see {@link BlockingServer}). This is the only class of
 * the model that creates threads.
 *
 * <p>Where blocking happens: everywhere, by design — reads, writes, the {@code ioMicros} sleep and the
 * {@code blockMicros} wait all park the worker, which can do nothing else meanwhile. A keep-alive connection holds
 * its worker even while idle, until the client closes it or the idle timeout fires.
 *
 * <p>When every worker is busy (the deliberate overload choice): accepted connections wait in a FIFO queue, in
 * accept order; a queued connection is served as soon as a worker frees up, and its waiting time is the
 * {@code queue} stage. The queue holds up to {@code --max-connections} (default 16,384), so the connection limit
 * (workers' connections plus queued ones) is what binds: <b>at {@code --max-connections} the acceptor accepts and
 * answers {@code 503 Service Unavailable} with {@code Connection: close} at once</b>
 * ({@link OverloadResponse#SERVICE_UNAVAILABLE}; plaintext — under TLS it closes the connection, as there is no
 * session to answer in). The acceptor keeps accepting, so the kernel's listen backlog ({@code backlog}) only holds
 * connections for the moment the acceptor takes to get to them. So overload shows up as latency first (queue), then
 * as fast 503s — never as unbounded memory. Note that a queued connection's header-read and idle timeouts only start
 * when a worker takes it: until then it is the server that makes it wait.
 */
public final class ThreadPoolServer {

    /** The model's answer at {@code --max-connections}. */
    public static final OverloadResponse AT_MAX_CONNECTIONS = OverloadResponse.SERVICE_UNAVAILABLE;

    private ThreadPoolServer() {}

    /** Binds, starts the acceptor and the pool, and returns the running server. */
    public static Server start(ServerConfig config) throws IOException {
        Pipeline pipeline = Pipeline.create(config);
        int threads = config.poolThreadsOrDefault();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.maxConnections()), named("threadpool-worker-"));
        workers.prestartAllCoreThreads();
        byte[] overloaded = pipeline.serviceUnavailableResponse();
        boolean tls = config.tls().enabled();
        return new BlockingServer(pipeline, body -> named("threadpool-acceptor-").newThread(body),
                body -> named("threadpool-deadlines-").newThread(body), workers,
                socket -> refuse(socket, tls ? null : overloaded), AT_MAX_CONNECTIONS);
    }

    private static void refuse(Socket socket, byte[] answer) {
        try (socket) {
            if (answer != null) {
                OutputStream out = socket.getOutputStream();
                out.write(answer);
                out.flush();
            }
        } catch (IOException ignored) {
            // the refused client went away first: nothing to do
        }
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

package dev.concurrencybench.testkit.broken;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A small blocking server over the shared {@link Pipeline}: one virtual thread accepts, one virtual thread per
 * connection reads, processes with {@link WaitStrategy#BLOCKING} and writes. With no {@link Fault} it is the
 * suite's control group (it must pass everything); with faults it is a deliberately broken server that the suite
 * must fail. Test code only: simple before fast.
 */
public final class ReferenceServer implements Server {

    private static final Pattern CONTENT_LENGTH_LINE = Pattern.compile("(?i)\r\nContent-Length:[^\r]*");

    private final Pipeline pipeline;
    private final Set<Fault> faults;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private volatile boolean stopping;

    private ReferenceServer(ServerConfig config, Set<Fault> faults) throws IOException {
        this.pipeline = Pipeline.create(config);
        this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        this.slots = new Semaphore(config.maxConnections());
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        this.acceptor = Thread.ofVirtual().name("reference-accept").start(this::acceptLoop);
    }

    /** Binds and starts serving; returns once the listening socket is bound. */
    public static ReferenceServer start(ServerConfig config, Set<Fault> faults) throws IOException {
        return new ReferenceServer(config, faults);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public StageRecorders stages() {
        return pipeline.stages();
    }

    @Override
    public void close() {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pipeline.config().shutdownGraceMillis());
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            connections.forEach(Connection::closeIfIdle);
            sleepQuietly();
        }
        connections.forEach(Connection::closeNow);
        acceptor.interrupt();
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        boolean limited = !faults.contains(Fault.IGNORES_MAX_CONNECTIONS);
        while (!stopping) {
            try {
                if (limited) slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Connection c = new Connection(socket);
                connections.add(c);
                Thread.ofVirtual().name("reference-conn").start(() -> {
                    try {
                        c.serve();
                    } finally {
                        if (limited) slots.release();
                    }
                });
            } catch (IOException e) {
                if (limited) slots.release();
                if (stopping) return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One accepted socket; its thread is the only one that touches the protocol state. */
    private final class Connection {
        private final Socket socket;
        private boolean busy;
        private boolean closed;

        Connection(Socket socket) {
            this.socket = socket;
        }

        synchronized void closeIfIdle() {
            if (!busy) closeNow();
        }

        synchronized void closeNow() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }

        private synchronized boolean begin() {
            if (closed) return false;
            busy = true;
            return true;
        }

        private synchronized void end() {
            busy = false;
        }

        void serve() {
            boolean leak = false;
            try {
                loop();
            } catch (IOException e) {
                // peer reset, timeout or shutdown: the connection is over
                leak = faults.contains(Fault.LEAKS_ON_RESET) && !(e instanceof SocketTimeoutException);
            } finally {
                connections.remove(this);
                if (leak) LEAKED.add(socket);
                else closeNow();
            }
        }

        private void loop() throws IOException {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            boolean tls = pipeline.config().tls().enabled();
            HttpConnection c = pipeline.newConnection();
            long headerDeadline = 0;
            boolean eof = false;
            byte[] chunk = new byte[16 * 1024];
            while (true) {
                HttpRequest request;
                while ((request = c.nextRequest()) != null) {
                    headerDeadline = 0;
                    if (!begin()) return;
                    try {
                        CompletableFuture<HttpResponse> response = new CompletableFuture<>();
                        pipeline.processor().process(request, WaitStrategy.BLOCKING, response::complete);
                        c.respond(request, response.join());
                        flush(c, out);
                    } finally {
                        end();
                    }
                    if (faults.contains(Fault.ANSWERS_ONLY_FIRST_PIPELINED) && !tls && !c.closing()) {
                        c = pipeline.newConnection();
                    }
                }
                flush(c, out);
                if (c.closing() && !faults.contains(Fault.NEVER_CLOSES)) return;
                if (eof || stopping) return;
                long timeoutMillis = pipeline.config().limits().idleTimeoutMillis();
                boolean rated = !faults.contains(Fault.NO_MIN_DATA_RATE);
                if (c.readingBody()) {
                    long rateDeadline = rated ? c.minDataRateDeadline() : 0;
                    if (rateDeadline != 0) {
                        timeoutMillis = Math.min(timeoutMillis, (rateDeadline - System.nanoTime() + 999_999) / 1_000_000);
                    }
                    timeoutMillis = Math.max(1, timeoutMillis);
                } else if (!c.closing() && c.midRequest() && !faults.contains(Fault.NO_HEADER_READ_TIMEOUT)) {
                    long now = System.nanoTime();
                    if (headerDeadline == 0) {
                        headerDeadline = now + TimeUnit.MILLISECONDS.toNanos(
                                pipeline.config().limits().headerReadTimeoutMillis());
                    }
                    timeoutMillis = TimeUnit.NANOSECONDS.toMillis(headerDeadline - now);
                    if (timeoutMillis <= 0) return;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
                ByteBuffer inbound = c.inbound();
                int n;
                try {
                    n = in.read(chunk, 0, Math.min(chunk.length, inbound.remaining()));
                } catch (SocketTimeoutException e) {
                    if (rated && c.enforceMinDataRate(System.nanoTime())) {
                        flush(c, out);
                        return;
                    }
                    throw e;
                }
                if (n < 0) {
                    eof = true;
                    c.endOfInput();
                    continue;
                }
                inbound.put(filter(chunk, n));
            }
        }

        private byte[] filter(byte[] chunk, int n) {
            String text = new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
            if (faults.contains(Fault.IGNORES_CONTENT_LENGTH)) text = CONTENT_LENGTH_LINE.matcher(text).replaceAll("");
            if (faults.contains(Fault.ANSWERS_HEAD_AS_GET)) text = text.replace("HEAD /", "GET /");
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        private static void flush(HttpConnection c, OutputStream out) throws IOException {
            ByteBuffer pending = c.output();
            if (!pending.hasRemaining()) return;
            byte[] bytes = new byte[pending.remaining()];
            pending.get(bytes);
            out.write(bytes);
            out.flush();
        }
    }

    /** Sockets deliberately never closed by {@link Fault#LEAKS_ON_RESET}; kept reachable so no GC cleaner closes them. */
    static final Set<Socket> LEAKED = ConcurrentHashMap.newKeySet();
}

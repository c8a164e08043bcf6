package dev.concurrencybench.loadgen.testserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A tiny HTTP/1.1 server with known behaviour, for testing the driver: one platform thread per connection,
 * keep-alive and pipelining (requests answered in order), {@code /plaintext} and {@code /json} per the wire
 * contract, anything else {@code 200 ok}. A {@link Delay} decides how long each response is held back; waits
 * use {@code parkNanos} plus a spin so the delay itself is accurate to a few microseconds.
 *
 * <p>Closing after N requests per connection ({@link #closeAfter}), like nginx's {@code keepalive_requests}:
 * announced, the N-th response carries {@code Connection: close}, then the server half-closes and reads (and
 * discards, counting them) whatever the client had already pipelined until the client closes; unannounced, the
 * server reads request N + 1 and closes without a word.
 */
public final class TestHttpServer implements AutoCloseable {

    /** How long to hold a response back. */
    @FunctionalInterface
    public interface Delay {
        /**
         * @param requestReadNanos when the request was fully read, nanoTime ns
         * @return the nanoTime (ns) before which the response must not be written
         */
        long releaseAt(long requestReadNanos);
    }

    private final ServerSocket socket;
    private final Delay delay;
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile int closeAfter;
    private volatile boolean announce = true;
    private final java.util.concurrent.atomic.AtomicLong responses = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong closes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong discarded = new java.util.concurrent.atomic.AtomicLong();

    public TestHttpServer(int port, Delay delay) throws IOException {
        this.delay = delay;
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        acceptor = Thread.ofPlatform().daemon().name("test-acceptor").start(this::acceptLoop);
    }

    /** Answers after a fixed delay. */
    public static Delay fixed(long delayNanos) {
        return t -> t + delayNanos;
    }

    /**
     * Answers at once, except that from {@code stallAfterNanos} after the first request, for {@code stallNanos},
     * every response waits until the stall ends.
     */
    public static Delay stallOnce(long stallAfterNanos, long stallNanos) {
        long[] first = {0};
        return t -> {
            long start;
            synchronized (first) {
                if (first[0] == 0) {
                    first[0] = t;
                }
                start = first[0] + stallAfterNanos;
            }
            long end = start + stallNanos;
            return (t - start >= 0 && t - end < 0) ? end : t;
        };
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Closes each connection after {@code n} responses (0: never).
     *
     * @param n        responses per connection
     * @param announce true: the last one says {@code Connection: close}; false: close on the next request, unannounced
     * @return this server
     */
    public TestHttpServer closeAfter(int n, boolean announce) {
        this.announce = announce;
        this.closeAfter = n;
        return this;
    }

    /** Responses written so far, over all connections. */
    public long responses() {
        return responses.get();
    }

    /** Connections this server closed (announced or not). */
    public long closes() {
        return closes.get();
    }

    /** Requests that arrived on a connection after its close was announced and were never answered. */
    public long discarded() {
        return discarded.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("test-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            for (int served = 0; ; ) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int limit = closeAfter;
                if (limit > 0 && !announce && served == limit) {
                    closes.incrementAndGet();
                    s.setSoLinger(true, 0); // unannounced: reset, as a crashed or impatient server would
                    return;
                }
                int contentLength = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(contentLength);
                long release = delay.releaseAt(System.nanoTime());
                waitUntil(release);
                String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                served++;
                boolean last = limit > 0 && announce && served == limit;
                responses.incrementAndGet(); // before the write: the client may finish as soon as it has read it
                out.write(response(path, last));
                out.flush();
                if (last) {
                    closes.incrementAndGet();
                    lingeringClose(s, in);
                    return;
                }
            }
        } catch (IOException e) {
            // client went away: nothing to do in a test server
        }
    }

    /** Half-closes, then reads and counts what the client had already pipelined until it closes (at most 5 s). */
    private void lingeringClose(Socket s, InputStream in) throws IOException {
        s.shutdownOutput();
        s.setSoTimeout(5_000);
        try {
            String head;
            while ((head = readHead(in)) != null) {
                if (head.startsWith("GET ") || head.startsWith("POST ")) {
                    discarded.incrementAndGet();
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // the client never closed: give up
        }
    }

    static byte[] response(String path) {
        return response(path, false);
    }

    static byte[] response(String path, boolean close) {
        String type = "text/plain";
        String body = "ok";
        if (path.equals("/plaintext")) {
            body = "Hello, World!";
        } else if (path.equals("/json")) {
            type = "application/json";
            body = "{\"message\":\"Hello, World!\"}";
        } else if (path.equals("/work")) {
            type = "application/json";
            body = "{\"digest\":\"00\",\"payloadBytes\":0}";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nServer: test\r\nDate: "
                + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
                + "\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                + (close ? "\r\nConnection: close" : "") + "\r\n\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        all.writeBytes(b);
        return all.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            sb.append((char) c);
            int n = sb.length();
            if (n >= 4 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\r' && sb.charAt(n - 3) == '\n'
                    && sb.charAt(n - 4) == '\r') {
                return sb.toString();
            }
        }
        return null;
    }

    private static void waitUntil(long deadline) {
        for (;;) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left > 100_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        acceptor.interrupt();
    }

    /**
     * Stand-in for {@code bench serve} in orchestration tests, and a known server for cross-checks:
     * {@code --port P} (0 = any), {@code --delay-us D} (fixed delay) or {@code --stall-after-ms A --stall-ms S}
     * (one stall), {@code --close-after N} (announced close after N responses per connection, as nginx's
     * {@code keepalive_requests}); other flags are ignored. Prints the listening line and serves until the JVM is
     * terminated.
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        long stallAfterMs = -1;
        long stallMs = 0;
        long delayMicros = 0;
        int closeAfter = 0;
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--stall-after-ms" -> stallAfterMs = Long.parseLong(args[i + 1]);
                case "--stall-ms" -> stallMs = Long.parseLong(args[i + 1]);
                case "--delay-us" -> delayMicros = Long.parseLong(args[i + 1]);
                case "--close-after" -> closeAfter = Integer.parseInt(args[i + 1]);
                default -> { }
            }
        }
        TestHttpServer server = new TestHttpServer(port,
                stallAfterMs >= 0 ? stallOnce(stallAfterMs * 1_000_000, stallMs * 1_000_000) : fixed(delayMicros * 1_000))
                .closeAfter(closeAfter, true);
        System.out.println("test listening on http://127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }
}

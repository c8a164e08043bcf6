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
            for (;;) {
                String head = readHead(in);
                if (head == null) {
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
                out.write(response(path));
                out.flush();
            }
        } catch (IOException e) {
            // client went away: nothing to do in a test server
        }
    }

    static byte[] response(String path) {
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
                + "\r\n\r\n";
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
     * (one stall); other flags are ignored. Prints the listening line and serves until the JVM is terminated.
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        long stallAfterMs = -1;
        long stallMs = 0;
        long delayMicros = 0;
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--stall-after-ms" -> stallAfterMs = Long.parseLong(args[i + 1]);
                case "--stall-ms" -> stallMs = Long.parseLong(args[i + 1]);
                case "--delay-us" -> delayMicros = Long.parseLong(args[i + 1]);
                default -> { }
            }
        }
        TestHttpServer server = new TestHttpServer(port,
                stallAfterMs >= 0 ? stallOnce(stallAfterMs * 1_000_000, stallMs * 1_000_000) : fixed(delayMicros * 1_000));
        System.out.println("test listening on http://127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }
}

package dev.concurrencybench.loadgen.responder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "bench responder": a server that costs almost nothing, for measuring the driver's own noise floor when
 * nginx is not installed ({@code bench calibrate}), and for warming the driver's JIT before a run. One thread,
 * one NIO selector, HTTP/1.1 keep-alive and pipelining; {@code GET /plaintext} answers {@code Hello, World!},
 * {@code GET /json} answers {@code {"message":"Hello, World!"}}, anything else {@code 404}. Request bodies
 * ({@code Content-Length}) are read and ignored. Answering a request allocates nothing.
 *
 * <p>{@code closeAfter} makes it behave like nginx's {@code keepalive_requests}: the N-th response of a
 * connection says {@code Connection: close}, then the responder half-closes and discards whatever the client
 * had pipelined until the client closes.
 */
public final class BenchResponder implements AutoCloseable {

    /** The name the floor is reported under when this responder is the instrument. */
    public static final String NAME = "bench responder";

    private static final byte[] STATUS_200 = ascii("HTTP/1.1 200 OK\r\nServer: bench-responder\r\nDate: ");
    private static final byte[] STATUS_404 = ascii("HTTP/1.1 404 Not Found\r\nServer: bench-responder\r\nDate: ");
    private static final byte[] PLAINTEXT = ascii("\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n");
    private static final byte[] PLAINTEXT_BODY = ascii("Hello, World!");
    private static final byte[] JSON = ascii("\r\nContent-Type: application/json\r\nContent-Length: 27\r\n");
    private static final byte[] JSON_BODY = ascii("{\"message\":\"Hello, World!\"}");
    private static final byte[] NOT_FOUND = ascii("\r\nContent-Type: application/json\r\nContent-Length: 21\r\n");
    private static final byte[] NOT_FOUND_BODY = ascii("{\"error\":\"not found\"}");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] PATH_PLAINTEXT = ascii("/plaintext");
    private static final byte[] PATH_JSON = ascii("/json");
    private static final byte[] CONTENT_LENGTH = ascii("content-length:");
    private static final long LINGER_NANOS = 5_000_000_000L;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final int closeAfter;
    private final Thread thread;
    private final AtomicLong responses = new AtomicLong();
    private volatile boolean closed;
    private byte[] date = new byte[29];
    private long dateSecond = Long.MIN_VALUE;

    private BenchResponder(int port, int closeAfter) throws IOException {
        this.closeAfter = closeAfter;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "bench-responder");
        thread.setDaemon(true);
    }

    /**
     * Starts a responder on a loopback port.
     *
     * @param port       0 for any free port
     * @param closeAfter close each connection after this many responses, announced (0: never)
     */
    public static BenchResponder start(int port, int closeAfter) throws IOException {
        BenchResponder r = new BenchResponder(port, closeAfter);
        r.thread.start();
        return r;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    /** Responses written so far. */
    public long responses() {
        return responses.get();
    }

    private void loop() {
        long nextLingerCheck = System.nanoTime();
        try {
            while (!closed) {
                selector.select(this::selected, 1_000);
                long now = System.nanoTime();
                if (now - nextLingerCheck >= 0) {
                    lingerTimeouts(now);
                    nextLingerCheck = now + 1_000_000_000L;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                System.err.println("bench responder: " + e);
            }
        }
    }

    private void selected(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        if (k.isAcceptable()) {
            try {
                accept();
            } catch (IOException e) {
                System.err.println("bench responder: accept failed: " + e);
            }
        } else {
            ((Conn) k.attachment()).ready(k);
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
        }
    }

    private void lingerTimeouts(long now) {
        for (SelectionKey k : selector.keys()) {
            if (k.attachment() instanceof Conn c && c.lingerSince != 0 && now - c.lingerSince > LINGER_NANOS) {
                c.close();
            }
        }
    }

    private byte[] date() {
        long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            date = ascii(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        return date;
    }

    /** One client connection. */
    private final class Conn {
        private final SocketChannel ch;
        private final ByteBuffer in = ByteBuffer.allocateDirect(16 * 1024);
        private final ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
        private final byte[] head = new byte[8 * 1024];
        private SelectionKey key;
        private int served;
        private long skipBody;
        private long lingerSince;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        void ready(SelectionKey k) {
            try {
                if (k.isWritable() && !flush()) {
                    return;
                }
                if (k.isReadable()) {
                    int n = ch.read(in);
                    if (lingerSince != 0) {
                        in.clear(); // after the announced close: read and discard until the client closes
                        if (n < 0) {
                            close();
                        }
                        return;
                    }
                    answer();
                    if (n < 0) {
                        close();
                        return;
                    }
                    flush();
                }
            } catch (IOException e) {
                close();
            }
        }

        /** Answers every complete request in {@link #in}. */
        private void answer() {
            in.flip();
            while (in.hasRemaining() && lingerSince == 0 && out.remaining() > 512) {
                if (skipBody > 0) {
                    int n = (int) Math.min(skipBody, in.remaining());
                    in.position(in.position() + n);
                    skipBody -= n;
                    continue;
                }
                int end = headEnd();
                if (end < 0) {
                    if (in.position() == 0 && in.remaining() == in.capacity()) {
                        close(); // a head larger than the buffer: not something this responder serves
                        return;
                    }
                    break;
                }
                int len = end - in.position();
                in.get(head, 0, Math.min(len, head.length));
                skipBody = contentLength(Math.min(len, head.length));
                respond(Math.min(len, head.length));
            }
            in.compact();
        }

        /** Position just after the blank line ending the head at in.position(), or -1. */
        private int headEnd() {
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    return i + 4;
                }
            }
            return -1;
        }

        private long contentLength(int len) {
            for (int i = 0; i + CONTENT_LENGTH.length < len; i++) {
                if ((i == 0 || head[i - 1] == '\n') && matchesLower(i, CONTENT_LENGTH)) {
                    long v = 0;
                    for (int j = i + CONTENT_LENGTH.length; j < len && head[j] != '\r'; j++) {
                        if (head[j] >= '0' && head[j] <= '9') {
                            v = v * 10 + (head[j] - '0');
                        }
                    }
                    return v;
                }
            }
            return 0;
        }

        private boolean matchesLower(int at, byte[] lower) {
            for (int k = 0; k < lower.length; k++) {
                byte b = head[at + k];
                if (b >= 'A' && b <= 'Z') {
                    b = (byte) (b + 32);
                }
                if (b != lower[k]) {
                    return false;
                }
            }
            return true;
        }

        private void respond(int len) {
            int sp = 0;
            while (sp < len && head[sp] != ' ') {
                sp++;
            }
            int from = sp + 1;
            int to = from;
            while (to < len && head[to] != ' ' && head[to] != '?' && head[to] != '\r') {
                to++;
            }
            served++;
            boolean last = closeAfter > 0 && served >= closeAfter;
            byte[] type;
            byte[] body;
            if (pathIs(from, to, PATH_PLAINTEXT)) {
                out.put(STATUS_200);
                type = PLAINTEXT;
                body = PLAINTEXT_BODY;
            } else if (pathIs(from, to, PATH_JSON)) {
                out.put(STATUS_200);
                type = JSON;
                body = JSON_BODY;
            } else {
                out.put(STATUS_404);
                type = NOT_FOUND;
                body = NOT_FOUND_BODY;
            }
            out.put(date()).put(type);
            if (last) {
                out.put(CLOSE);
            }
            out.put(CRLF).put(body);
            responses.incrementAndGet();
            if (last) {
                lingerSince = System.nanoTime();
            }
        }

        private boolean pathIs(int from, int to, byte[] path) {
            if (to - from != path.length) {
                return false;
            }
            for (int k = 0; k < path.length; k++) {
                if (head[from + k] != path[k]) {
                    return false;
                }
            }
            return true;
        }

        /** Writes what is pending; true when all of it went out. */
        private boolean flush() throws IOException {
            out.flip();
            while (out.hasRemaining() && ch.write(out) > 0) {
                // keep writing while the socket takes bytes
            }
            boolean done = !out.hasRemaining();
            out.compact();
            key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            if (done && lingerSince != 0 && !ch.socket().isOutputShutdown()) {
                ch.shutdownOutput();
            }
            if (done && in.position() > 0 && lingerSince == 0) {
                answer(); // requests left unanswered while the output buffer was full
                return flush();
            }
            return done;
        }

        void close() {
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code java -cp ... dev.concurrencybench.loadgen.responder.BenchResponder [--port P] [--close-after N]}:
     * serves on 127.0.0.1 until terminated; prints one line with its URL once it listens.
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int closeAfter = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--close-after" -> closeAfter = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: BenchResponder [--port P] [--close-after N]");
                    System.exit(2);
                }
            }
        }
        BenchResponder r = start(port, closeAfter);
        System.out.println(NAME + " listening on http://127.0.0.1:" + r.port() + "/plaintext");
        System.out.flush();
        Thread.currentThread().join();
    }
}

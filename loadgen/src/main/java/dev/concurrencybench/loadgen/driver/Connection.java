package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The client side of one TCP connection, owned by one {@link DriverLoop}: non-blocking connect, optional TLS,
 * a ring of the requests in flight (HTTP/1.1 answers in order, pipelined or not), response parsing, checking
 * and recording. Buffers are allocated once; sending and receiving a request allocate nothing (plain HTTP).
 *
 * <p>When a response announces that the server will close the connection ({@code Connection: close}, or
 * HTTP/1.0 without keep-alive), the connection retires at once: nothing more is written on it, the requests
 * still in flight on it go back to the loop to be re-sent (keeping their intended send times), and the loop
 * opens a new connection in its slot. A close or reset the server did not announce fails what was in flight.
 */
final class Connection {

    static final int CLOSED = 0;
    static final int CONNECTING = 1;
    static final int HANDSHAKING = 2;
    static final int READY = 3;

    private final DriverLoop loop;
    private final LatencyRecorders recorders;
    private final Templates templates;
    /** Keep-alive slot number, or -1 for a connection that carries one request. */
    final int slot;
    final int capacity;
    private final int bodyCheckEvery;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private final ResponseParser parser = new ResponseParser();

    private final long[] intended;
    private final long[] ready;
    private final long[] sent;
    private final int[] template;
    private int head;
    private int count;

    private SocketChannel channel;
    private SelectionKey key;
    private TlsSession tls;
    int state = CLOSED;
    private long responses;
    private boolean writePending;
    /** When this connection last had room for another request, nanoTime ns. */
    long freeSinceNanos;
    /** When this connection was opened, nanoTime ns. */
    long openedNanos;
    /** In the loop's queue of connections with room. */
    boolean queued;
    /** Index among the loop's active one-request connections, or -1. */
    int activeIndex = -1;

    Connection(DriverLoop loop, LatencyRecorders recorders, Templates templates, int slot, int capacity,
               int bodyCheckEvery, boolean tls) {
        this.loop = loop;
        this.recorders = recorders;
        this.templates = templates;
        this.slot = slot;
        this.capacity = capacity;
        this.bodyCheckEvery = bodyCheckEvery;
        this.intended = new long[capacity];
        this.ready = new long[capacity];
        this.sent = new long[capacity];
        this.template = new int[capacity];
        int outSize = Math.max(16 * 1024, templates.maxRequestBytes * capacity);
        this.out = ByteBuffer.allocateDirect(outSize);
        // a TLS record decrypts into at most ~16 KiB; keep room for two
        this.in = ByteBuffer.allocateDirect(tls ? 64 * 1024 : 32 * 1024);
    }

    int inFlight() {
        return count;
    }

    /** Ready, with room for another request and nothing unwritten. */
    boolean hasRoom() {
        return state == READY && count < capacity && !writePending;
    }

    /** Intended send time of the oldest request in flight; only when {@link #inFlight()} &gt; 0. */
    long oldestSentNanos() {
        return sent[head];
    }

    /**
     * Starts a non-blocking connect.
     *
     * @param now nanoTime ns
     */
    void open(long now) throws IOException {
        openedNanos = now;
        if (slot >= 0) {
            head = 0;
            count = 0; // a one-request connection already carries its request (carry)
        }
        responses = 0;
        writePending = false;
        out.clear();
        in.clear();
        parser.begin(true);
        tls = loop.newTlsSession();
        channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            state = CONNECTING;
            if (channel.connect(loop.address())) {
                key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
                connected(now);
            } else {
                key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | RuntimeException e) {
            closeChannel();
            throw e;
        }
    }

    /** Called by the loop's selector with the key's ready operations. */
    void onSelected(int readyOps) {
        try {
            switch (state) {
                case CONNECTING -> {
                    if ((readyOps & SelectionKey.OP_CONNECT) != 0 && channel.finishConnect()) {
                        key.interestOps(SelectionKey.OP_READ);
                        connected(System.nanoTime());
                    }
                }
                case HANDSHAKING -> handshake();
                case READY -> {
                    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                        flush();
                    }
                    if ((readyOps & SelectionKey.OP_READ) != 0) {
                        readable();
                    }
                }
                default -> {
                    // closed meanwhile: a key selected in the same round
                }
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void connected(long now) throws IOException {
        if (tls != null) {
            state = HANDSHAKING;
            tls.begin();
            handshake();
        } else {
            becomeReady(now);
        }
    }

    private void handshake() throws IOException {
        if (tls.handshake(channel, in)) {
            becomeReady(System.nanoTime());
            if (in.position() > 0) {
                readable(); // application data arrived with the handshake's last flight
            }
        } else {
            key.interestOps(tls.hasPendingOutput() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    private void becomeReady(long now) {
        state = READY;
        freeSinceNanos = now;
        key.interestOps(SelectionKey.OP_READ);
        loop.connectionReady(this, now);
    }

    /**
     * Writes one request now. The caller has checked {@link #hasRoom()}.
     *
     * @param t             template index
     * @param intendedNanos intended send time
     * @param readyNanos    when the generator was free to send it
     */
    void send(int t, long intendedNanos, long readyNanos) {
        int i = (head + count) % capacity;
        intended[i] = intendedNanos;
        ready[i] = readyNanos;
        template[i] = t;
        count++;
        out.put(templates.request[t]);
        sent[i] = System.nanoTime();
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /**
     * The request of a one-request connection: stamped as sent now (connect and handshake are part of what is
     * measured) and written as soon as the connection is ready.
     */
    void carry(int t, long intendedNanos, long readyNanos, long now) {
        intended[0] = intendedNanos;
        ready[0] = readyNanos;
        sent[0] = now;
        template[0] = t;
        head = 0;
        count = 1;
    }

    /** Writes the carried request of a one-request connection once it is ready. */
    void writeCarried() {
        out.put(templates.request[template[head]]);
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void flush() throws IOException {
        out.flip();
        boolean done;
        try {
            if (tls == null) {
                while (out.hasRemaining() && channel.write(out) > 0) {
                    // keep writing while the socket takes bytes
                }
                done = !out.hasRemaining();
            } else {
                done = tls.write(channel, out);
            }
        } finally {
            out.compact();
        }
        if (done != !writePending) {
            writePending = !done;
            key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            if (done) {
                loop.roomMaybe(this, System.nanoTime());
            }
        }
    }

    private void readable() throws IOException {
        int n;
        if (tls == null) {
            n = channel.read(in);
        } else {
            n = tls.read(channel, in);
        }
        long now = System.nanoTime();
        if (!parse(now)) {
            return;
        }
        while (tls != null && tls.hasBufferedInput() && in.position() < in.capacity()) {
            if (!tls.unwrapAll(in)) {
                break;
            }
            if (!parse(now)) {
                return;
            }
        }
        if (n < 0) {
            endOfStream(now);
        }
    }

    /** Parses what {@link #in} holds; false when the connection was closed meanwhile. */
    private boolean parse(long now) {
        in.flip();
        try {
            while (in.hasRemaining()) {
                int r = parser.parse(in);
                if (r == ResponseParser.COMPLETE) {
                    if (!complete(now)) {
                        return false;
                    }
                } else if (r == ResponseParser.ERROR) {
                    unannounced(now, recorders.resets, "bad response: " + parser.error());
                    return false;
                } else {
                    break;
                }
            }
            return true;
        } finally {
            if (state != CLOSED) {
                in.compact();
            }
        }
    }

    /** One response is complete; false when the connection retired or failed. */
    private boolean complete(long now) {
        if (count == 0) {
            if (recorders.countError(recorders.resets, now)) {
                recorders.addErrorMessage("response without a request (status " + parser.status() + ")");
            }
            close();
            loop.connectionClosed(this, now, false);
            return false;
        }
        int i = head;
        head = (head + 1) % capacity;
        count--;
        responses++;
        int t = template[i];
        if (parser.status() != templates.expectStatus[t]) {
            if (recorders.countError(recorders.statusErrors, intended[i])) {
                recorders.addErrorMessage("status " + parser.status() + " for " + templates.templates[t].name()
                        + ", expected " + templates.expectStatus[t]);
            }
        } else if (parser.kept()) {
            if (recorders.inWindow(intended[i])) {
                recorders.bodiesChecked.increment();
            }
            String problem = templates.checkBody(t, parser.body(), parser.bodyLength(), parser.bodyTotal());
            if (problem != null) {
                recorders.recordError(recorders.bodyErrors, intended[i], problem);
            } else {
                recorders.recordSuccess(t, intended[i], ready[i], sent[i], now);
            }
        } else {
            recorders.recordSuccess(t, intended[i], ready[i], sent[i], now);
        }
        boolean closing = parser.closeAnnounced();
        parser.begin(keepNext());
        if (slot < 0) {
            close();
            loop.oneRequestDone(this, now);
            return false;
        }
        if (closing) {
            retire(now);
            return false;
        }
        freeSinceNanos = now;
        loop.roomMaybe(this, now);
        return state == READY; // sending the next request (closed loop) may have failed the connection
    }

    private boolean keepNext() {
        return bodyCheckEvery == 1 || (responses + 1) % bodyCheckEvery == 1;
    }

    /** The server announced its close: what is still in flight goes back to the loop, the slot reconnects. */
    private void retire(long now) {
        while (count > 0) {
            int i = head;
            head = (head + 1) % capacity;
            count--;
            loop.resend(template[i], intended[i], now);
        }
        close();
        loop.connectionClosed(this, now, true);
    }

    private void endOfStream(long now) {
        int r = parser.endOfInput();
        if (r == ResponseParser.COMPLETE) {
            complete(now); // the body ended with the connection, which announces the close
            if (state != CLOSED) {
                retire(now);
            }
            return;
        }
        if (count == 0) {
            close(); // an idle connection closed by the server: reconnect, nothing was lost
            loop.connectionClosed(this, now, true);
            return;
        }
        unannounced(now, recorders.resets, "connection closed by the server with " + count
                + " request(s) in flight and no Connection: close");
    }

    /** A connect or TLS handshake that took longer than {@code timeoutNanos}. */
    void connectTimedOut(long timeoutNanos) {
        failed(new IOException("no connection after " + timeoutNanos / 1_000_000 + " ms"));
    }

    private void failed(Exception e) {
        long now = System.nanoTime();
        if (state == CONNECTING || state == HANDSHAKING) {
            String what = state == CONNECTING ? "connect failed: " : "TLS handshake failed: ";
            long at = slot < 0 ? intended[head] : now;
            if (recorders.countError(recorders.connectErrors, at)) {
                recorders.addErrorMessage(what + e);
            }
            if (slot < 0) {
                count = 0;
            }
            close();
            loop.connectFailed(this, now);
            return;
        }
        unannounced(now, recorders.resets, "connection error: " + e);
    }

    /** Fails every request in flight (counted in {@code counter}), closes, and lets the slot reconnect. */
    void unannounced(long now, java.util.concurrent.atomic.LongAdder counter, String message) {
        failAll(counter, message);
        close();
        if (slot < 0) {
            loop.oneRequestDone(this, now);
        } else {
            loop.connectionClosed(this, now, false);
        }
    }

    /** Fails every request in flight, counted in {@code counter}. */
    void failAll(java.util.concurrent.atomic.LongAdder counter, String message) {
        while (count > 0) {
            int i = head;
            head = (head + 1) % capacity;
            count--;
            recorders.recordError(counter, intended[i], message);
        }
    }

    /** Forgets what is in flight without counting it (it was counted already). */
    void dropAll() {
        head = 0;
        count = 0;
    }

    /** Intended send time of each request in flight, oldest first, for the loop's end-of-run accounting. */
    long intendedAt(int k) {
        return intended[(head + k) % capacity];
    }

    /** Closes the socket now; the connection can be opened again. */
    void close() {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        closeChannel();
    }

    private void closeChannel() {
        state = CLOSED;
        if (tls != null && channel != null && channel.isConnected()) {
            tls.closeQuietly(channel);
        }
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            channel = null;
        }
    }
}

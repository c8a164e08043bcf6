package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client side of one HTTP/1.1 connection, owned by one {@link DriverLoop}: its state (connecting, TLS
 * handshake, ready, closed), writing requests and reading responses, and what a close or an error means for the
 * requests in flight. The socket is a {@link ClientSocket}, what is in flight an {@link InFlightRequests}; responses
 * are parsed by a {@link ResponseParser} and judged and recorded by {@link ResponseCheck}. Buffers are allocated
 * once; sending and receiving a request allocate nothing (plain HTTP).
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
    private final int bodyCheckEvery;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private final ResponseParser parser = new ResponseParser();
    private final InFlightRequests requests;
    private final ClientSocket socket = new ClientSocket();

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
        this.bodyCheckEvery = bodyCheckEvery;
        this.requests = new InFlightRequests(capacity);
        int outSize = Math.max(16 * 1024, templates.maxRequestBytes * capacity);
        this.out = ByteBuffer.allocateDirect(outSize);
        // a TLS record decrypts into at most ~16 KiB; keep room for two
        this.in = ByteBuffer.allocateDirect(tls ? 64 * 1024 : 32 * 1024);
    }

    int inFlight() {
        return requests.count();
    }

    /** Ready, with room for another request and nothing unwritten. */
    boolean hasRoom() {
        return state == READY && requests.hasRoom() && !writePending;
    }

    /** Actual send time of the oldest request in flight; only when {@link #inFlight()} &gt; 0. */
    long oldestSentNanos() {
        return requests.sent(requests.oldest());
    }

    /**
     * Starts a non-blocking connect.
     *
     * @param now nanoTime ns
     */
    void open(long now) throws IOException {
        openedNanos = now;
        if (slot >= 0) {
            requests.clear(); // a one-request connection already carries its request (carry)
        }
        responses = 0;
        writePending = false;
        out.clear();
        in.clear();
        parser.begin(true);
        try {
            state = CONNECTING;
            if (socket.open(loop.selector(), loop.address(), loop.newTlsSession(), this)) {
                connected(now);
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
                    if ((readyOps & SelectionKey.OP_CONNECT) != 0 && socket.finishConnect()) {
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
        if (socket.isTls()) {
            state = HANDSHAKING;
            socket.beginTls();
            handshake();
        } else {
            becomeReady(now);
        }
    }

    private void handshake() throws IOException {
        if (socket.handshake(in)) {
            becomeReady(System.nanoTime());
            if (in.position() > 0) {
                readable(); // application data arrived with the handshake's last flight
            }
        }
    }

    private void becomeReady(long now) {
        state = READY;
        freeSinceNanos = now;
        socket.interest(SelectionKey.OP_READ);
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
        int i = requests.add(t, intendedNanos, readyNanos);
        out.put(templates.request[t]);
        requests.sentAt(i, System.nanoTime());
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
        requests.only(t, intendedNanos, readyNanos, now);
    }

    /** Writes the carried request of a one-request connection once it is ready. */
    void writeCarried() {
        out.put(templates.request[requests.template(requests.oldest())]);
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
            done = socket.write(out);
        } finally {
            out.compact();
        }
        if (done != !writePending) {
            writePending = !done;
            socket.interest(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            if (done) {
                loop.roomMaybe(this, System.nanoTime());
            }
        }
    }

    private void readable() throws IOException {
        int n = socket.read(in);
        long now = System.nanoTime();
        if (!parse(now)) {
            return;
        }
        while (socket.hasBufferedInput() && in.position() < in.capacity()) {
            if (!socket.unwrapBuffered(in)) {
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
        if (requests.count() == 0) {
            if (recorders.countError(recorders.resets, now)) {
                recorders.addErrorMessage("response without a request (status " + parser.status() + ")");
            }
            close();
            loop.connectionClosed(this, now, false);
            return false;
        }
        int i = requests.removeOldest();
        responses++;
        ResponseCheck.record(recorders, templates, parser, requests, i, now);
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
        while (requests.count() > 0) {
            int i = requests.removeOldest();
            loop.resend(requests.template(i), requests.intended(i), now);
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
        if (requests.count() == 0) {
            close(); // an idle connection closed by the server: reconnect, nothing was lost
            loop.connectionClosed(this, now, true);
            return;
        }
        unannounced(now, recorders.resets, "connection closed by the server with " + requests.count()
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
            long at = slot < 0 ? requests.intended(requests.oldest()) : now;
            if (recorders.countError(recorders.connectErrors, at)) {
                recorders.addErrorMessage(what + e);
            }
            if (slot < 0) {
                requests.clear();
            }
            close();
            loop.connectFailed(this, now);
            return;
        }
        unannounced(now, recorders.resets, "connection error: " + e);
    }

    /** Fails every request in flight (counted in {@code counter}), closes, and lets the slot reconnect. */
    void unannounced(long now, LongAdder counter, String message) {
        failAll(counter, message);
        close();
        if (slot < 0) {
            loop.oneRequestDone(this, now);
        } else {
            loop.connectionClosed(this, now, false);
        }
    }

    /** Fails every request in flight, counted in {@code counter}. */
    void failAll(LongAdder counter, String message) {
        while (requests.count() > 0) {
            recorders.recordError(counter, requests.intended(requests.removeOldest()), message);
        }
    }

    /** Forgets what is in flight without counting it (it was counted already). */
    void dropAll() {
        requests.clear();
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
        socket.close();
    }
}

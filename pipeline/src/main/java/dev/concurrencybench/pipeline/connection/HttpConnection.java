package dev.concurrencybench.pipeline.connection;

import dev.concurrencybench.pipeline.http.HttpParseException;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpRequestParser;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.http.HttpResponseEncoder;
import dev.concurrencybench.pipeline.http.HttpVersion;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import dev.concurrencybench.pipeline.tls.TlsSession;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One connection's protocol state, from socket bytes in to socket bytes out: decrypt (when TLS), parse, and after
 * processing, encode and encrypt. It does no I/O and owns no thread: the server reads into {@link #inbound()}, asks
 * for {@link #nextRequest()}, hands the request to the processor, passes the response to {@link #respond}, and writes
 * {@link #output()} to the socket. That is the whole contract between a concurrency model and the pipeline.
 *
 * <p>Responses to HEAD are sent without their body here, in one place, for every status (RFC 9110 §9.3.2): the
 * processor answers HEAD as it answers GET, so the head, {@code Content-Length} included, is the one GET would get.
 *
 * <p>Errors never escape as exceptions: a request the parser rejects becomes its RFC 9112 error response followed by
 * {@link #closing()}; a broken TLS stream (for example plaintext sent to the TLS port) becomes {@link #closing()}.
 *
 * <p>Threading: not thread-safe. At any moment one thread owns the connection; a model may move it between threads
 * (Reactor, a worker pool) only with a happens-before edge, which every executor hand-off provides.
 */
public final class HttpConnection {

    private static final int PLAIN_INBOUND_BYTES = 4 * 1024;
    private static final int INITIAL_OUTPUT_BYTES = 1024;

    private final Pipeline pipeline;
    private final StageRecorders stages;
    private final HttpRequestParser parser;
    private final TlsSession tls;

    private ByteBuffer netIn;           // write mode: socket bytes (ciphertext under TLS)
    private ByteBuffer appIn;           // TLS only, write mode: decrypted bytes awaiting the parser
    private ByteBuffer out;             // read mode: bytes waiting for the socket
    private ByteBuffer appOut;          // TLS only: a response's plaintext before encryption, reused
    private boolean closing;
    private boolean inputEnded;
    private boolean receivedAny;
    private long handshakeStart;
    // Stage timing laps one clock read per boundary: parse start, parse end (= process start), respond (= process
    // end and write start), written (= write end). Four reads and one recording per request.
    private long requestStart;          // first byte of the request being parsed; 0 = none
    private long parseNanos;            // parser time spent on that request so far
    private long respondingStart;       // first byte of the request being answered
    private long answeringParseNanos;   // parser time of the request being answered
    private long parsedAt;              // when the request being answered was complete
    private long respondedAt;           // when its response was handed to respond(); 0 = none to record
    private final long minDataRate;     // bytes/s, 0 = off
    private final long rateGraceNanos;
    private boolean bodyClock;          // a body is being received and bodyStartNanos is its start
    private long bodyStartNanos;        // System.nanoTime() when the header section of that body was complete

    HttpConnection(Pipeline pipeline, TlsSession tls) {
        this.pipeline = pipeline;
        this.stages = pipeline.stages();
        this.parser = new HttpRequestParser(pipeline.config().limits());
        this.tls = tls;
        this.netIn = ByteBuffer.allocate(tls == null ? PLAIN_INBOUND_BYTES : tls.packetBufferSize());
        this.appIn = tls == null ? null : ByteBuffer.allocate(tls.applicationBufferSize());
        this.out = ByteBuffer.allocate(INITIAL_OUTPUT_BYTES).flip();
        this.minDataRate = pipeline.config().limits().minRequestDataRate();
        this.rateGraceNanos = TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().headerReadTimeoutMillis());
    }

    /** The buffer to read socket bytes into, in write mode, with at least one byte of room. */
    public ByteBuffer inbound() {
        if (!netIn.hasRemaining()) netIn = grow(netIn, netIn.capacity());
        return netIn;
    }

    /**
     * The next complete request, in arrival order, or null when more bytes are needed (read, then call again) or
     * the connection is {@link #closing()}. Call it until it returns null before reading again: pipelined requests
     * are already buffered. Handshake or error bytes it produces are left in {@link #output()}.
     */
    public HttpRequest nextRequest() {
        if (closing) return null;
        if (netIn.position() > 0) receivedAny = true;
        try {
            return tls == null ? nextPlain() : nextDecrypted();
        } catch (SSLException e) {
            // Not TLS, or a failed handshake: nothing to answer in HTTP. Send the engine's alert if it has one.
            closing = true;
            try {
                tls.closeOutbound();
                wrapPending();
            } catch (SSLException ignored) {
                // the engine is beyond saving; closing the socket is all that is left
            }
            return null;
        }
    }

    /**
     * Encodes (and encrypts) the response to {@code request} into {@link #output()}. Responses must be given in
     * request order, one per request returned by {@link #nextRequest()}.
     */
    public void respond(HttpRequest request, HttpResponse response) {
        if (respondingStart != 0) respondedAt = System.nanoTime(); // only set when stage timing is on
        boolean close = response.close() || !request.keepAlive();
        // RFC 9110 §9.3.2: the answer to HEAD is GET's head without content, whatever the status.
        boolean withBody = !request.method().equals("HEAD");
        enqueue(response, request.version(), close, withBody);
        if (close) startClosing();
    }

    /**
     * Records the stages of the request last answered, once the server has written its response: parse, process
     * (request complete → {@link #respond} called: the endpoint's work and the model's dispatch to it and back),
     * write ({@link #respond} called → written) and total (first parsed byte → written). They tile the total: time a
     * pipelined request spent buffered behind the previous one is not counted. Call it before asking for the next
     * request. A response never written (the connection died first) records nothing.
     */
    public void recordWritten() {
        if (respondedAt == 0) return;
        // One clock read ends both write and total: each read costs 20 ns, and timing must stay within 2 % of a request.
        long now = System.nanoTime();
        stages.recordAnswered(answeringParseNanos, respondedAt - parsedAt, now - respondedAt, now - respondingStart);
        respondedAt = 0;
    }

    /** Bytes to write, in read mode: write from its position and leave the position where the socket stopped. */
    public ByteBuffer output() {
        return out;
    }

    public boolean hasOutput() {
        return out.hasRemaining();
    }

    /** True once no further request will be read: write what {@link #output()} holds, then close the socket. */
    public boolean closing() {
        return closing;
    }

    /** The peer half-closed: requests already buffered are still answered, then the connection closes. */
    public void endOfInput() {
        inputEnded = true;
    }

    /** The server gives up on this connection (timeout, shutdown): nothing more is read or answered. */
    public void abort() {
        closing = true;
    }

    /**
     * True while a request (or the TLS handshake) has begun but is incomplete: the header-read timeout applies
     * rather than the idle timeout.
     */
    public boolean midRequest() {
        return parser.midRequest() || netIn.position() > 0 || (tls != null && receivedAny && !tls.handshakeComplete())
                || (appIn != null && appIn.position() > 0);
    }

    /**
     * True while a request's header section is complete and its body is not: the body is judged by the minimum
     * request data rate ({@link #minDataRateDeadline()}) and the idle timeout between reads, no longer by the
     * header-read timeout.
     */
    public boolean readingBody() {
        return !closing && parser.inBody();
    }

    /**
     * The {@link System#nanoTime()} at which the body being received falls below the minimum request data rate
     * ({@link dev.concurrencybench.pipeline.http.HttpLimits#minRequestDataRate()}) unless more of it arrives first,
     * or 0 when no rate applies (no body being received, or the check is off). Moves later as bytes arrive: a model
     * re-reads it after each read and arms its timer (socket timeout, sweep, scheduled task) for it.
     */
    public long minDataRateDeadline() {
        if (minDataRate == 0 || !bodyClock || !readingBody()) return 0;
        // Jetty's rule: bytes received since the body began ≥ rate × time since then, once the grace has passed.
        long earned = (long) (parser.bodyBytesReceived() * 1e9 / minDataRate);
        long deadline = bodyStartNanos + Math.max(rateGraceNanos, earned);
        return deadline == 0 ? 1 : deadline;
    }

    /**
     * If the body being received is below the minimum request data rate at {@code nowNanos}, answers
     * {@code 408 Request Timeout} with {@code Connection: close} into {@link #output()} and starts
     * {@link #closing()}: write the output, then close the socket. Call it when the timer armed for
     * {@link #minDataRateDeadline()} fires.
     *
     * @return true when the 408 was produced; false when the rate is met (more bytes came, or it is off)
     */
    public boolean enforceMinDataRate(long nowNanos) {
        long deadline = minDataRateDeadline();
        if (deadline == 0 || nowNanos - deadline < 0) return false;
        HttpResponse response = pipeline.processor().error(408,
                "request body arrived slower than " + minDataRate + " bytes/s", List.of());
        enqueue(response, HttpVersion.HTTP_1_1, true, true);
        startClosing();
        return true;
    }

    private HttpRequest nextPlain() {
        netIn.flip();
        HttpRequest request = parse(netIn);
        netIn.compact();
        if (request == null && inputEnded) closing = true;
        return request;
    }

    private HttpRequest nextDecrypted() throws SSLException {
        while (true) {
            appIn.flip();
            HttpRequest request = parse(appIn);
            appIn.compact();
            if (request != null || closing) return request;
            if (!decryptMore()) {
                if (inputEnded) closing = true;
                return null;
            }
        }
    }

    /** One unwrap step; true if it consumed or produced bytes. */
    private boolean decryptMore() throws SSLException {
        boolean handshaking = !tls.handshakeComplete();
        if (handshaking && handshakeStart == 0 && netIn.position() > 0) handshakeStart = stages.now();
        long start = stages.now();
        netIn.flip();
        int inBefore = netIn.position();
        int appBefore = appIn.position();
        TlsSession.Step step = tls.unwrap(netIn, appIn);
        boolean progress = netIn.position() != inBefore || appIn.position() != appBefore;
        netIn.compact();
        if (!handshaking) stages.recordSince(Stage.DECRYPT, start);
        if (handshaking && tls.handshakeComplete()) stages.recordSince(Stage.HANDSHAKE, handshakeStart);
        wrapPending();
        switch (step) {
            case NEED_ROOM -> {
                appIn = grow(appIn, tls.applicationBufferSize());
                return true;
            }
            case NEED_INPUT -> {
                if (netIn.capacity() < tls.packetBufferSize()) netIn = grow(netIn, tls.packetBufferSize());
                return false;
            }
            case CLOSED -> {
                startClosing();
                return false;
            }
            default -> {
                return progress;
            }
        }
    }

    private HttpRequest parse(ByteBuffer src) {
        if (!src.hasRemaining()) return null;
        long start = stages.now();
        if (requestStart == 0) requestStart = stages.isEnabled() ? start : 1;
        HttpRequestParser.Result result = parser.parse(src);
        long end = stages.now();
        parseNanos += end - start;
        if (result != HttpRequestParser.Result.NEED_MORE) {
            bodyClock = false;
        } else if (!bodyClock && parser.inBody()) {
            bodyClock = true;
            bodyStartNanos = System.nanoTime();
        }
        return switch (result) {
            case NEED_MORE -> null;
            case REQUEST -> {
                answeringParseNanos = parseNanos;
                parsedAt = end;
                parseNanos = 0;
                respondingStart = stages.isEnabled() ? requestStart : 0;
                requestStart = 0;
                yield parser.request();
            }
            case ERROR -> {
                HttpParseException e = parser.error();
                HttpResponse response = pipeline.processor().error(e.status(), e.getMessage(), List.of());
                enqueue(response, HttpVersion.HTTP_1_1, true, !parser.errorOnHeadRequest());
                startClosing();
                yield null;
            }
        };
    }

    private void startClosing() {
        closing = true;
        if (tls != null) {
            tls.closeOutbound();
            try {
                wrapPending();
            } catch (SSLException ignored) {
                // close_notify is a courtesy; the socket close that follows is what matters
            }
        }
    }

    /** Encodes a response straight into {@link #out} (plaintext) or into {@link #appOut}, then encrypts it. */
    private void enqueue(HttpResponse response, HttpVersion version, boolean close, boolean withBody) {
        HttpResponseEncoder encoder = pipeline.encoder();
        int room = encoder.maxLength(response, version, close, withBody);
        if (tls == null) {
            encoder.encode(response, version, close, withBody, writable(room));
            out.flip();
            return;
        }
        if (appOut == null || appOut.capacity() < room) appOut = ByteBuffer.allocate(Math.max(room, INITIAL_OUTPUT_BYTES));
        ByteBuffer src = appOut.clear();
        encoder.encode(response, version, close, withBody, src);
        src.flip();
        try {
            while (src.hasRemaining()) {
                if (wrapInto(src) == TlsSession.Step.CLOSED) break;
            }
        } catch (SSLException e) {
            closing = true;
        }
    }

    /** Sends whatever the TLS engine wants to send (handshake flights, session tickets, alerts, close_notify). */
    private void wrapPending() throws SSLException {
        while (tls.wantsWrap()) {
            if (wrapInto(null) == TlsSession.Step.CLOSED && !tls.wantsWrap()) break;
        }
    }

    /** One wrap into {@link #out}; {@code out} is back in read mode afterwards even when the engine throws. */
    private TlsSession.Step wrapInto(ByteBuffer src) throws SSLException {
        ByteBuffer dst = writable(tls.packetBufferSize());
        try {
            return tls.wrap(src, dst);
        } finally {
            out.flip();
        }
    }

    /** {@link #out} switched to write mode with at least {@code room} bytes free; flip it back after writing. */
    private ByteBuffer writable(int room) {
        out.compact();
        if (out.remaining() < room) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + room));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        return out;
    }

    /** A copy of {@code buf} (write mode) with at least {@code extra} more bytes of room. */
    private static ByteBuffer grow(ByteBuffer buf, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() + Math.max(extra, 1024));
        buf.flip();
        bigger.put(buf);
        return bigger;
    }
}

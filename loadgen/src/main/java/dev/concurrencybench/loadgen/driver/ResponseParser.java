package dev.concurrencybench.loadgen.driver;

import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.x response parser that allocates nothing per response: an explicit state machine that
 * resumes at any byte. It collects each line of the head and hands it to a {@link ResponseHead} (status line, the
 * three headers the driver needs: {@code Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection}),
 * then reads a body delimited by length, by chunks or by the end of the connection. Interim {@code 1xx} responses
 * are skipped. The body is kept (in a reused array) only when {@link #begin(boolean)} asked for it.
 *
 * <p>{@link #closeAnnounced()} tells whether the server said it will close the connection after this response:
 * {@code Connection: close}, an HTTP/1.0 response without {@code Connection: keep-alive}, or a body that ends
 * with the connection. Single-threaded.
 */
final class ResponseParser {

    /** {@link #parse} result: the buffer ended inside a response. */
    static final int NEED_MORE = 0;
    /** {@link #parse} result: one response is complete; the buffer is positioned after it. */
    static final int COMPLETE = 1;
    /** {@link #parse} result: not a valid response; see {@link #error()}. */
    static final int ERROR = -1;

    private static final int MAX_LINE = 8192;
    private static final int MAX_KEPT_BODY = 1 << 20;

    private static final int STATUS = 0;
    private static final int HEADER = 1;
    private static final int BODY_LENGTH = 2;
    private static final int CHUNK_SIZE = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_END = 5;
    private static final int TRAILER = 6;
    private static final int BODY_EOF = 7;

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean lineTooLong;
    private int state = STATUS;
    private boolean started;

    private final ResponseHead head = new ResponseHead();
    private long remaining;
    private boolean bodyEndsWithConnection;

    private boolean keepBody;
    private byte[] body = new byte[256];
    private int bodyLength;
    private long bodyTotal;
    private String error;

    /** Starts a new response; {@code keep} asks for its body to be kept for checking. */
    void begin(boolean keep) {
        keepBody = keep;
        state = STATUS;
        started = false;
        resetHead();
        bodyLength = 0;
        bodyTotal = 0;
        error = null;
    }

    private void resetHead() {
        lineLength = 0;
        lineTooLong = false;
        head.reset();
        bodyEndsWithConnection = false;
    }

    /** Whether {@link #begin} asked to keep this response's body. */
    boolean kept() {
        return keepBody;
    }

    /** True when some bytes of the current response have been read. */
    boolean inResponse() {
        return started;
    }

    int status() {
        return head.status;
    }

    /** The server will close the connection after this response. */
    boolean closeAnnounced() {
        return head.announcesClose() || bodyEndsWithConnection;
    }

    /** The kept body: {@link #bodyLength()} bytes from index 0 (at most 1 MiB; see {@link #bodyTotal()}). */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    /** Length of the whole body, kept or not. */
    long bodyTotal() {
        return bodyTotal;
    }

    String error() {
        return error;
    }

    /**
     * Consumes bytes from {@code in} (between position and limit) until one response is complete or the bytes run
     * out. After {@link #COMPLETE}, call {@link #begin} before parsing the next response.
     */
    int parse(ByteBuffer in) {
        while (in.hasRemaining()) {
            started = true;
            switch (state) {
                case STATUS, HEADER, CHUNK_SIZE, CHUNK_END, TRAILER -> {
                    if (!readLine(in)) {
                        return NEED_MORE;
                    }
                    int r = onLine();
                    if (r != NEED_MORE) {
                        return r;
                    }
                }
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    consumeBody(in, n);
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == BODY_LENGTH) {
                            return COMPLETE;
                        }
                        state = CHUNK_END;
                    }
                }
                case BODY_EOF -> consumeBody(in, in.remaining());
                default -> throw new IllegalStateException("state " + state);
            }
        }
        return NEED_MORE;
    }

    /**
     * The connection ended. Returns {@link #COMPLETE} when that ends a body delimited by the connection,
     * {@link #NEED_MORE} when no response was in progress, {@link #ERROR} when a response was cut off.
     */
    int endOfInput() {
        if (state == BODY_EOF) {
            return COMPLETE;
        }
        if (!started) {
            return NEED_MORE;
        }
        error = "connection closed in the middle of a response";
        return ERROR;
    }

    private boolean readLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength < MAX_LINE) {
                line[lineLength++] = b;
            } else {
                lineTooLong = true;
            }
        }
        return false;
    }

    private int onLine() {
        int n = lineLength;
        lineLength = 0;
        if (lineTooLong) {
            return fail("response line longer than " + MAX_LINE + " bytes");
        }
        switch (state) {
            case STATUS -> {
                String bad = head.statusLine(line, n);
                if (bad != null) {
                    return fail(bad);
                }
                state = HEADER;
            }
            case HEADER -> {
                if (n == 0) {
                    return endOfHead();
                }
                String bad = head.header(line, n);
                if (bad != null) {
                    return fail(bad);
                }
            }
            case CHUNK_SIZE -> {
                long size = 0;
                int digits = 0;
                for (int i = 0; i < n && line[i] != ';' && line[i] != ' ' && line[i] != '\t'; i++) {
                    int d = Character.digit(line[i], 16);
                    if (d < 0 || digits > 15) {
                        return fail("bad chunk size");
                    }
                    size = size * 16 + d;
                    digits++;
                }
                if (digits == 0) {
                    return fail("bad chunk size");
                }
                if (size == 0) {
                    state = TRAILER;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (n != 0) {
                    return fail("chunk not followed by CRLF");
                }
                state = CHUNK_SIZE;
            }
            case TRAILER -> {
                if (n == 0) {
                    return COMPLETE;
                }
            }
            default -> throw new IllegalStateException("state " + state);
        }
        return NEED_MORE;
    }

    private int endOfHead() {
        int status = head.status;
        if (status >= 100 && status < 200 && status != 101) {
            resetHead(); // interim response: the real one follows
            state = STATUS;
            return NEED_MORE;
        }
        if (status == 204 || status == 304 || status == 101) {
            return COMPLETE;
        }
        if (head.chunked) {
            state = CHUNK_SIZE;
            return NEED_MORE;
        }
        if (head.contentLength >= 0) {
            if (head.contentLength == 0) {
                return COMPLETE;
            }
            remaining = head.contentLength;
            state = BODY_LENGTH;
            return NEED_MORE;
        }
        bodyEndsWithConnection = true;
        state = BODY_EOF;
        return NEED_MORE;
    }

    private void consumeBody(ByteBuffer in, int n) {
        bodyTotal += n;
        if (keepBody && bodyLength < MAX_KEPT_BODY) {
            int keep = Math.min(n, MAX_KEPT_BODY - bodyLength);
            if (bodyLength + keep > body.length) {
                body = java.util.Arrays.copyOf(body, Math.min(MAX_KEPT_BODY, Math.max(body.length * 2, bodyLength + keep)));
            }
            in.get(body, bodyLength, keep);
            bodyLength += keep;
            n -= keep;
        }
        in.position(in.position() + n);
    }

    private int fail(String message) {
        error = message;
        return ERROR;
    }
}

package dev.concurrencybench.pipeline.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental HTTP/1.1 request parser (RFC 9112): an explicit state machine that resumes at any byte boundary.
 *
 * <p>Feed it whatever bytes arrived with {@link #parse}. It consumes at most one request per call:
 * <ul>
 *   <li>{@link Result#REQUEST}: {@code in} is positioned at the first byte after the request (the next pipelined
 *       request, if any, is untouched); take it with {@link #request()} before the next {@code parse} call. The
 *       parser has already been reset for the next request, so call {@code parse} again while {@code in} has
 *       bytes left.</li>
 *   <li>{@link Result#NEED_MORE}: every remaining byte of {@code in} was consumed and copied into the parser's own
 *       state, so the caller may clear or reuse the buffer.</li>
 *   <li>{@link Result#ERROR}: the request is refused; {@link #error()} carries the status (400, 413, 414, 431, 501,
 *       505). Framing is lost: the parser stays in this state and the caller answers and closes the connection.</li>
 * </ul>
 *
 * <p>Limits from {@link HttpLimits} are enforced as soon as they are exceeded, never after buffering the excess:
 * a request line past its limit is refused before its CRLF arrives, a Content-Length above the body limit before
 * any body byte is read. Memory per instance is therefore bounded by the limits.
 *
 * <p>Not thread-safe: one instance per connection, used by one thread at a time (a connection may migrate between
 * threads if the caller publishes it safely). No threads, no I/O, no thread-locals.
 */
public final class HttpRequestParser {

    /** What {@link #parse} found. */
    public enum Result { NEED_MORE, REQUEST, ERROR }

    private enum State {
        REQUEST_LINE, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILERS, ERROR
    }

    /** RFC 9112 §2.2 says to ignore "at least one" empty line before a request line; more is a confused peer. */
    static final int MAX_LEADING_EMPTY_LINES = 16;
    /** Bound on a chunk header line: size plus ignored extensions (RFC 9112 §7.1.1 lets us limit them). */
    static final int MAX_CHUNK_LINE_BYTES = 4096;

    private static final int INITIAL_LINE_CAPACITY = 256;
    private static final int RETAINED_LINE_CAPACITY = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final HttpLimits limits;
    private State state = State.REQUEST_LINE;

    // The line being accumulated (without CRLF); lineDone marks that it is complete and not yet discarded.
    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLen;
    private boolean lineDone;
    private boolean sawCR;
    private int leadingEmptyLines;

    // The request under construction.
    private String method;
    private String target;
    private HttpVersion version;
    private HttpHeaders headers;
    private int headerBytes;
    private int fieldCount;
    private byte[] body;
    private int bodyLen;
    private long chunkRemaining;

    private HttpRequest completed;
    private HttpParseException error;

    /** @param limits the sizes to enforce; see {@link HttpLimits} for which status each one maps to */
    public HttpRequestParser(HttpLimits limits) {
        if (limits == null) throw new NullPointerException("limits");
        this.limits = limits;
    }

    /**
     * Consumes bytes of {@code in} (advancing its position) up to the end of one request, or all of them if the
     * request is not complete yet.
     */
    public Result parse(ByteBuffer in) {
        if (state == State.ERROR) return Result.ERROR;
        completed = null;
        try {
            while (true) {
                switch (state) {
                    case REQUEST_LINE -> {
                        if (!readLine(in, limits.maxRequestLineBytes(), 414, "request line too long")) {
                            return Result.NEED_MORE;
                        }
                        if (lineLen == 0) {
                            // RFC 9112 §2.2: ignore empty lines received before the request line.
                            if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                                throw new HttpParseException(400, "too many empty lines before request line");
                            }
                        } else {
                            parseRequestLine();
                            headers = new HttpHeaders();
                            state = State.HEADERS;
                        }
                    }
                    case HEADERS -> {
                        if (!readFieldLine(in)) return Result.NEED_MORE;
                        if (lineLen == 0) {
                            if (startBody()) return finish();
                        } else {
                            HttpHeaders.Field f = HttpGrammar.parseFieldLine(line, lineLen);
                            headers.add(f.name(), f.value());
                        }
                    }
                    case FIXED_BODY -> {
                        int n = Math.min(in.remaining(), body.length - bodyLen);
                        in.get(body, bodyLen, n);
                        bodyLen += n;
                        if (bodyLen < body.length) return Result.NEED_MORE;
                        return finish();
                    }
                    case CHUNK_SIZE -> {
                        if (!readLine(in, MAX_CHUNK_LINE_BYTES, 400, "chunk header line too long")) {
                            return Result.NEED_MORE;
                        }
                        startChunk(HttpGrammar.parseChunkSize(line, lineLen));
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(in.remaining(), chunkRemaining);
                        in.get(body, bodyLen, n);
                        bodyLen += n;
                        chunkRemaining -= n;
                        if (chunkRemaining > 0) return Result.NEED_MORE;
                        state = State.CHUNK_DATA_CR;
                    }
                    case CHUNK_DATA_CR, CHUNK_DATA_LF -> {
                        if (!in.hasRemaining()) return Result.NEED_MORE;
                        // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
                        byte expected = state == State.CHUNK_DATA_CR ? (byte) '\r' : (byte) '\n';
                        if (in.get() != expected) throw new HttpParseException(400, "chunk data not followed by CRLF");
                        state = state == State.CHUNK_DATA_CR ? State.CHUNK_DATA_LF : State.CHUNK_SIZE;
                    }
                    case TRAILERS -> {
                        if (!readFieldLine(in)) return Result.NEED_MORE;
                        if (lineLen == 0) return finish();
                        // RFC 9112 §7.1.2: trailer fields are validated like header fields, then discarded
                        // (HttpRequest does not merge them, so no handler can be fooled by a late field).
                        HttpGrammar.parseFieldLine(line, lineLen);
                    }
                    case ERROR -> {
                        return Result.ERROR;
                    }
                }
            }
        } catch (HttpParseException e) {
            state = State.ERROR;
            error = e;
            return Result.ERROR;
        }
    }

    /**
     * The request of the last {@link #parse} call, valid only if that call returned {@link Result#REQUEST}.
     *
     * @throws IllegalStateException if the last call did not produce a request
     */
    public HttpRequest request() {
        if (completed == null) throw new IllegalStateException("the last parse() did not return REQUEST");
        return completed;
    }

    /**
     * Why the request was refused, once {@link #parse} has returned {@link Result#ERROR}.
     *
     * @throws IllegalStateException if the parser is not in the error state
     */
    public HttpParseException error() {
        if (error == null) throw new IllegalStateException("the parser is not in the error state");
        return error;
    }

    /**
     * True when bytes of a request that is not complete yet have been consumed, or after an error. Empty lines
     * before a request line do not count, so a peer that sends a stray CRLF after a request and then closes is a
     * clean close, not a truncated request. Callers use this to choose between the idle and header-read timeouts
     * and to tell a clean EOF from a truncated request.
     */
    public boolean midRequest() {
        return state != State.REQUEST_LINE || lineLen > 0;
    }

    /**
     * Accumulates one CRLF-terminated line into {@link #line}. Returns true when a line is complete; its content
     * stays in {@code line[0..lineLen)} until the next call.
     */
    private boolean readLine(ByteBuffer in, int maxLen, int tooLongStatus, String tooLongMessage)
            throws HttpParseException {
        if (lineDone) {
            lineLen = 0;
            lineDone = false;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (sawCR) {
                // RFC 9112 §2.2: a bare CR must be rejected or replaced; we reject.
                if (b != '\n') throw new HttpParseException(400, "bare CR in request");
                sawCR = false;
                lineDone = true;
                return true;
            }
            if (b == '\r') {
                sawCR = true;
            } else if (b == '\n') {
                // RFC 9112 §2.2 permits accepting a bare LF; we are strict, as a lenient hop in front of a strict
                // one is how request smuggling happens.
                throw new HttpParseException(400, "bare LF line terminator");
            } else if (b == 0) {
                // RFC 9110 §5.5: NUL is never valid in a field; rejecting it everywhere in lines is simplest.
                throw new HttpParseException(400, "NUL byte in request");
            } else {
                if (lineLen >= maxLen) throw new HttpParseException(tooLongStatus, tooLongMessage);
                if (lineLen == line.length) line = Arrays.copyOf(line, Math.min(line.length * 2, Math.max(maxLen, 1)));
                line[lineLen++] = b;
            }
        }
        return false;
    }

    /**
     * Reads one header or trailer field line, charging it to the header-section budget (field lines with their
     * CRLFs; the final empty line is free) and the field count.
     */
    private boolean readFieldLine(ByteBuffer in) throws HttpParseException {
        int budget = limits.maxHeaderBytes() - headerBytes - 2;
        if (!readLine(in, budget, 431, "request header section too large")) return false;
        if (lineLen > 0) {
            headerBytes += lineLen + 2;
            if (++fieldCount > limits.maxHeaderCount()) throw new HttpParseException(431, "too many header fields");
        }
        return true;
    }

    /** RFC 9112 §3: {@code request-line = method SP request-target SP HTTP-version}, single spaces. */
    private void parseRequestLine() throws HttpParseException {
        int sp1 = indexOf((byte) ' ', 0);
        int sp2 = sp1 < 0 ? -1 : indexOf((byte) ' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0) throw new HttpParseException(400, "malformed request line");
        if (sp2 == sp1 + 1) throw new HttpParseException(400, "empty request target");
        for (int i = 0; i < sp1; i++) {
            if (!HttpGrammar.isTchar(line[i])) throw new HttpParseException(400, "invalid method");
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            int c = line[i] & 0xFF;
            // RFC 3986 characters only: no whitespace, controls or non-ASCII in a target.
            if (c <= 0x20 || c >= 0x7F) throw new HttpParseException(400, "invalid character in request target");
        }
        version = parseVersion(sp2 + 1);
        method = new String(line, 0, sp1, StandardCharsets.US_ASCII);
        target = new String(line, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.US_ASCII);
        // RFC 9112 §3.2: origin-form, absolute-form, asterisk-form (OPTIONS only); authority-form is for CONNECT,
        // which this suite does not serve.
        boolean ok = target.charAt(0) == '/'
                || (target.equals("*") && method.equals("OPTIONS"))
                || target.regionMatches(true, 0, "http://", 0, 7)
                || target.regionMatches(true, 0, "https://", 0, 8);
        if (!ok) throw new HttpParseException(400, "unsupported request-target form");
    }

    /** RFC 9112 §2.3: {@code HTTP-version = "HTTP/" DIGIT "." DIGIT}, case-sensitive. */
    private HttpVersion parseVersion(int from) throws HttpParseException {
        int len = lineLen - from;
        boolean wellFormed = len == 8
                && line[from] == 'H' && line[from + 1] == 'T' && line[from + 2] == 'T' && line[from + 3] == 'P'
                && line[from + 4] == '/' && isDigit(line[from + 5]) && line[from + 6] == '.' && isDigit(line[from + 7]);
        if (!wellFormed) throw new HttpParseException(400, "malformed HTTP version");
        if (line[from + 5] == '1' && line[from + 7] == '1') return HttpVersion.HTTP_1_1;
        if (line[from + 5] == '1' && line[from + 7] == '0') return HttpVersion.HTTP_1_0;
        throw new HttpParseException(505, "HTTP version not supported");
    }

    /**
     * Decides the body framing once the header section is complete (RFC 9112 §6.3).
     *
     * @return true when the request has no body and is complete
     */
    private boolean startBody() throws HttpParseException {
        // RFC 9112 §3.2: a 1.1 request without Host, or any request with several, gets 400.
        int hosts = headers.getAll("Host").size();
        if (hosts > 1) throw new HttpParseException(400, "more than one Host header");
        if (hosts == 0 && version == HttpVersion.HTTP_1_1) throw new HttpParseException(400, "missing Host header");

        var transferEncoding = headers.getAll("Transfer-Encoding");
        var contentLength = headers.getAll("Content-Length");
        if (!transferEncoding.isEmpty()) {
            // RFC 9112 §6.3 item 3: both present is a smuggling attempt; reject rather than guess.
            if (!contentLength.isEmpty()) {
                throw new HttpParseException(400, "Content-Length and Transfer-Encoding both present");
            }
            // RFC 9112 §6.1: a 1.0 recipient cannot have been sent chunked framing by a 1.1-aware client.
            if (version == HttpVersion.HTTP_1_0) {
                throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            HttpGrammar.requireChunkedOnly(transferEncoding);
            body = EMPTY;
            state = State.CHUNK_SIZE;
            return false;
        }
        if (!contentLength.isEmpty()) {
            long length = HttpGrammar.contentLength(contentLength, limits.maxBodyBytes());
            if (length > 0) {
                body = new byte[(int) length];
                state = State.FIXED_BODY;
                return false;
            }
        }
        // RFC 9112 §6.3 item 7: no Content-Length and no Transfer-Encoding means a request has no body.
        body = EMPTY;
        return true;
    }

    private void startChunk(long size) throws HttpParseException {
        if (size == 0) {
            state = State.TRAILERS;
            return;
        }
        // Refuse as soon as the announced size would pass the limit, before reading the chunk.
        if (size > limits.maxBodyBytes() - bodyLen) throw new HttpParseException(413, "request body too large");
        int needed = bodyLen + (int) size;
        if (needed > body.length) {
            int grown = (int) Math.min(limits.maxBodyBytes(), Math.max(256L, 2L * body.length));
            body = Arrays.copyOf(body, Math.max(needed, grown));
        }
        chunkRemaining = size;
        state = State.CHUNK_DATA;
    }

    private Result finish() {
        // RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 persists only with "keep-alive".
        boolean keepAlive = version == HttpVersion.HTTP_1_1
                ? !headers.containsToken("Connection", "close")
                : headers.containsToken("Connection", "keep-alive");
        byte[] decoded = body.length == bodyLen ? body : Arrays.copyOf(body, bodyLen);
        completed = new HttpRequest(method, target, version, headers, decoded, keepAlive);
        reset();
        return Result.REQUEST;
    }

    private void reset() {
        state = State.REQUEST_LINE;
        if (line.length > RETAINED_LINE_CAPACITY) line = new byte[INITIAL_LINE_CAPACITY];
        lineLen = 0;
        lineDone = false;
        sawCR = false;
        leadingEmptyLines = 0;
        method = null;
        target = null;
        version = null;
        headers = null;
        headerBytes = 0;
        fieldCount = 0;
        body = null;
        bodyLen = 0;
        chunkRemaining = 0;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < lineLen; i++) {
            if (line[i] == b) return i;
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}

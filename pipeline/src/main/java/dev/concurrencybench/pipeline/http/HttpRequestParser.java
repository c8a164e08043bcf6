package dev.concurrencybench.pipeline.http;

import java.nio.ByteBuffer;
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
 * <h2>Hardened choices</h2>
 * Where RFC 9110/9112 let a recipient choose, this parser takes the strict side, because a lenient hop in front of
 * a strict one is how request smuggling happens:
 * <ul>
 *   <li><b>Content-Length repeated or a list, even with identical values: 400.</b> RFC 9110 §8.6: "If a message is
 *       received that has a Content-Length header field value consisting of the same decimal value as a
 *       comma-separated list [...] or multiple Content-Length header fields [...], the recipient MUST either reject
 *       the message as invalid or replace the duplicated field values with a single valid Content-Length field".
 *       We reject.</li>
 *   <li><b>A fragment ({@code #}) in the request-target: 400.</b> RFC 9112 §3.2 defines the forms without one (a
 *       fragment is client-side only, RFC 9110 §4.2.5), and §3: "Recipients of an invalid request-line SHOULD
 *       respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect". Percent-encoding
 *       must be {@code "%" HEXDIG HEXDIG} and every other byte an RFC 3986 character.</li>
 *   <li><b>Methods: a token of at most {@value RequestLine#MAX_METHOD_BYTES} bytes; longer is 501.</b> RFC 9112
 *       §3.1: "A server that receives a method longer than any that it implements SHOULD respond with a 501 (Not
 *       Implemented) status code." A well-formed but unknown method is not a parse error: the processor answers
 *       it with 501 (RFC 9110 §9.1), a known one the resource does not allow with 405 and {@code Allow}.</li>
 *   <li><b>Methods are case-sensitive: {@code get} is not GET</b> (RFC 9110 §9.1: "The method token is
 *       case-sensitive"), so it reaches the processor as an unknown method and gets a 501.</li>
 *   <li><b>Bare LF and bare CR: 400.</b> RFC 9112 §2.2: a recipient MAY accept a bare LF; "A sender MUST NOT
 *       generate a bare CR [...] a recipient of such a bare CR MUST consider that element to be invalid or replace
 *       each bare CR with SP". We reject both.</li>
 *   <li><b>obs-fold: 400</b> (RFC 9112 §5.2: a server "MUST either reject the message by sending a 400 (Bad
 *       Request) [...] or replace each received obs-fold with one or more SP octets").</li>
 *   <li><b>Host</b> (RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1
 *       request message that lacks a Host header field and to any request message that contains more than one
 *       Host header field line or a Host header field with an invalid field value"): checked by
 *       {@link HostField} in every version; an <b>empty Host is accepted</b> (see
 *       {@link HostField#validateHost}). An absolute-form target's authority wins over Host (§3.2.2), but Host
 *       must still be present and valid.</li>
 *   <li><b>Versions</b>: {@code HTTP/1.x} with x above 1 is answered as 1.1 (RFC 9110 §2.5), another major version
 *       is 505, anything not {@code "HTTP/" DIGIT "." DIGIT} (lower case, two digits) is 400.</li>
 *   <li><b>Chunk lines</b> are checked to the full grammar by {@link ChunkLine}, trailer fields with the same field
 *       grammar as headers (RFC 9112 §7.1.2), then discarded.</li>
 * </ul>
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

    private static final byte[] EMPTY = new byte[0];

    private final HttpLimits limits;
    private State state = State.REQUEST_LINE;

    private final LineReader line = new LineReader();
    private int leadingEmptyLines;

    // The request under construction.
    private RequestLine requestLine;
    private HttpHeaders headers;
    private int headerBytes;
    private int fieldCount;
    private byte[] body;
    private int bodyLen;
    private long chunkRemaining;

    private HttpRequest completed;
    private HttpParseException error;
    private boolean errorOnHead;

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
                        if (!line.read(in, limits.maxRequestLineBytes(), 414, "request line too long")) {
                            return Result.NEED_MORE;
                        }
                        if (line.length() == 0) {
                            // RFC 9112 §2.2: ignore empty lines received before the request line.
                            if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                                throw new HttpParseException(400, "too many empty lines before request line");
                            }
                        } else {
                            requestLine = RequestLine.parse(line.bytes(), line.length());
                            headers = new HttpHeaders();
                            state = State.HEADERS;
                        }
                    }
                    case HEADERS -> {
                        if (!readFieldLine(in)) return Result.NEED_MORE;
                        if (line.length() == 0) {
                            if (startBody()) return finish();
                        } else {
                            HttpHeaders.Field f = HttpGrammar.parseFieldLine(line.bytes(), line.length());
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
                        if (!line.read(in, MAX_CHUNK_LINE_BYTES, 400, "chunk header line too long")) {
                            return Result.NEED_MORE;
                        }
                        startChunk(ChunkLine.parseChunkSize(line.bytes(), line.length()));
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
                        if (line.length() == 0) return finish();
                        // RFC 9112 §7.1.2: trailer fields are validated like header fields, then discarded
                        // (HttpRequest does not merge them, so no handler can be fooled by a late field).
                        HttpGrammar.parseFieldLine(line.bytes(), line.length());
                    }
                    case ERROR -> {
                        return Result.ERROR;
                    }
                }
            }
        } catch (HttpParseException e) {
            errorOnHead = requestLine != null ? requestLine.method().equals("HEAD")
                    : state == State.REQUEST_LINE && RequestLine.startsWithHead(line.bytes(), line.length());
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
     * True when the refused request is a HEAD (as far as its request line was read), so that its error response
     * carries no body: RFC 9110 §9.3.2, a response to HEAD never has content. Valid once {@link #parse} returned
     * {@link Result#ERROR}.
     */
    public boolean errorOnHeadRequest() {
        return errorOnHead;
    }

    /**
     * Bytes this parser holds in buffers right now (line buffer plus body buffer); the fuzz tests check that it
     * stays within the limits. Header values are held as strings besides, bounded by the header-section limit.
     */
    int bufferedBytes() {
        return line.capacity() + (body == null ? 0 : body.length);
    }

    /**
     * True when bytes of a request that is not complete yet have been consumed, or after an error. Empty lines
     * before a request line do not count, so a peer that sends a stray CRLF after a request and then closes is a
     * clean close, not a truncated request. Callers use this to choose between the idle and header-read timeouts
     * and to tell a clean EOF from a truncated request.
     */
    public boolean midRequest() {
        return state != State.REQUEST_LINE || line.length() > 0;
    }

    /**
     * True while a request's header section is complete and its body (chunks and trailers included) is not: the
     * minimum request data rate applies rather than the header-read timeout.
     */
    public boolean inBody() {
        return switch (state) {
            case FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILERS -> true;
            default -> false;
        };
    }

    /** Decoded body bytes of the request being parsed received so far (0 outside a body). */
    public int bodyBytesReceived() {
        return bodyLen;
    }

    /**
     * Reads one header or trailer field line, charging it to the header-section budget (field lines with their
     * CRLFs; the final empty line is free) and the field count.
     */
    private boolean readFieldLine(ByteBuffer in) throws HttpParseException {
        int budget = limits.maxHeaderBytes() - headerBytes - 2;
        if (!line.read(in, budget, 431, "request header section too large")) return false;
        if (line.length() > 0) {
            headerBytes += line.length() + 2;
            if (++fieldCount > limits.maxHeaderCount()) throw new HttpParseException(431, "too many header fields");
        }
        return true;
    }

    /**
     * Checks Host and decides the body framing once the header section is complete.
     *
     * @return true when the request has no body and is complete
     */
    private boolean startBody() throws HttpParseException {
        HostField.checkHostFields(requestLine.version(), headers);
        long length = BodyFraming.bodyLength(requestLine.version(), headers, limits);
        body = length > 0 ? new byte[(int) length] : EMPTY;
        if (length == 0) return true;
        state = length == BodyFraming.CHUNKED ? State.CHUNK_SIZE : State.FIXED_BODY;
        return false;
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
        // RFC 9112 §9.3, in its order: "close" ends the connection whatever the version (found by fuzzing: a 1.0
        // request with both "close" and "keep-alive" was kept open); then 1.1 persists, 1.0 only with "keep-alive".
        HttpVersion version = requestLine.version();
        boolean keepAlive = !headers.containsToken("Connection", "close")
                && (version == HttpVersion.HTTP_1_1 || headers.containsToken("Connection", "keep-alive"));
        byte[] decoded = body.length == bodyLen ? body : Arrays.copyOf(body, bodyLen);
        completed = new HttpRequest(requestLine.method(), requestLine.target(), version, headers, decoded, keepAlive);
        reset();
        return Result.REQUEST;
    }

    private void reset() {
        state = State.REQUEST_LINE;
        line.reset();
        leadingEmptyLines = 0;
        requestLine = null;
        headers = null;
        headerBytes = 0;
        fieldCount = 0;
        body = null;
        bodyLen = 0;
        chunkRemaining = 0;
    }

}

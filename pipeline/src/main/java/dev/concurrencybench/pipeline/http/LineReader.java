package dev.concurrencybench.pipeline.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Accumulates one CRLF-terminated line at a time from buffers that may end anywhere, for
 * {@link HttpRequestParser}. A complete line stays in {@link #bytes()}{@code [0, }{@link #length()}{@code )} until
 * the next {@link #read} call.
 *
 * <p>Line endings are strict: RFC 9112 §2.2 lets a recipient accept a bare LF and says a bare CR "MUST [be
 * considered] invalid or replace[d] with SP"; both are refused here, as a lenient hop in front of a strict one is how
 * request smuggling happens. NUL is refused everywhere (RFC 9110 §5.5: never valid in a field).
 *
 * <p>Not thread-safe; owned by one parser.
 */
final class LineReader {

    private static final int INITIAL_CAPACITY = 256;
    private static final int RETAINED_CAPACITY = 4096;

    private byte[] line = new byte[INITIAL_CAPACITY];
    private int length;
    private boolean done;
    private boolean sawCR;

    /**
     * Consumes bytes of {@code in} up to the end of the current line.
     *
     * @param maxLength      longest line content allowed, CRLF excluded
     * @param tooLongStatus  status when the line passes {@code maxLength} (refused before its CRLF arrives)
     * @return true when a line is complete
     */
    boolean read(ByteBuffer in, int maxLength, int tooLongStatus, String tooLongMessage) throws HttpParseException {
        if (done) {
            length = 0;
            done = false;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (sawCR) {
                if (b != '\n') throw new HttpParseException(400, "bare CR in request");
                sawCR = false;
                done = true;
                return true;
            }
            if (b == '\r') {
                sawCR = true;
            } else if (b == '\n') {
                throw new HttpParseException(400, "bare LF line terminator");
            } else if (b == 0) {
                throw new HttpParseException(400, "NUL byte in request");
            } else {
                if (length >= maxLength) throw new HttpParseException(tooLongStatus, tooLongMessage);
                if (length == line.length) line = Arrays.copyOf(line, Math.min(line.length * 2, Math.max(maxLength, 1)));
                line[length++] = b;
            }
        }
        return false;
    }

    /** The line's bytes; only {@code [0, length())} is meaningful. */
    byte[] bytes() {
        return line;
    }

    /** The length of the complete line, or of the part read so far. */
    int length() {
        return length;
    }

    /** Bytes held for lines, in bytes: the buffer's capacity. */
    int capacity() {
        return line.length;
    }

    /** Forgets the current line; drops a buffer that a long line grew, so an idle connection holds little. */
    void reset() {
        if (line.length > RETAINED_CAPACITY) line = new byte[INITIAL_CAPACITY];
        length = 0;
        done = false;
        sawCR = false;
    }
}

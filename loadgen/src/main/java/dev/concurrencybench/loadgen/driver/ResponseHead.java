package dev.concurrencybench.loadgen.driver;

import java.nio.charset.StandardCharsets;

/**
 * What the driver reads from a response's head, one line at a time from the {@link ResponseParser}'s reused line
 * buffer: the status line (the code, HTTP/1.0 or 1.1) and the three headers that frame the body or end the
 * connection ({@code Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection: close} or
 * {@code keep-alive}); other headers are skipped. Names and tokens are matched case-insensitively as bytes, so a
 * valid head allocates nothing; a String is made only to describe an error.
 *
 * <p>Single-threaded: owned by one parser.
 */
final class ResponseHead {

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    /** The status code, or 0 before the status line. */
    int status;
    boolean http10;
    boolean chunked;
    /** The {@code Content-Length}, or -1 when there was none. */
    long contentLength;
    private boolean connectionClose;
    private boolean connectionKeepAlive;

    /** Forgets the previous head. */
    void reset() {
        status = 0;
        http10 = false;
        connectionClose = false;
        connectionKeepAlive = false;
        chunked = false;
        contentLength = -1;
    }

    /**
     * The head says the server closes the connection after this response: {@code Connection: close}, or an
     * HTTP/1.0 response without {@code Connection: keep-alive}.
     */
    boolean announcesClose() {
        return connectionClose || (http10 && !connectionKeepAlive);
    }

    /**
     * Reads the status line, e.g. {@code HTTP/1.1 200 OK}.
     *
     * @param line the line without its CRLF, {@code n} bytes from index 0
     * @return null when it is valid, else why not
     */
    String statusLine(byte[] line, int n) {
        if (n < 12 || !startsWith(line, "HTTP/1.") || line[8] != ' ' || !digit(line[9]) || !digit(line[10])
                || !digit(line[11]) || (n > 12 && line[12] != ' ')) {
            return "bad status line: " + new String(line, 0, Math.min(n, 80), StandardCharsets.ISO_8859_1);
        }
        http10 = line[7] == '0';
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        return null;
    }

    /**
     * Reads one header line.
     *
     * @param line the line without its CRLF, {@code n} bytes from index 0
     * @return null when it is valid (whether the driver needs it or not), else why not
     */
    String header(byte[] line, int n) {
        int colon = -1;
        for (int i = 0; i < n; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return "bad header line";
        }
        int from = colon + 1;
        while (from < n && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        int to = n;
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        if (nameIs(line, CONTENT_LENGTH, colon)) {
            long v = 0;
            if (from == to) {
                return "empty Content-Length";
            }
            for (int i = from; i < to; i++) {
                if (!digit(line[i]) || v > Long.MAX_VALUE / 10 - 10) {
                    return "bad Content-Length";
                }
                v = v * 10 + (line[i] - '0');
            }
            if (contentLength >= 0 && contentLength != v) {
                return "conflicting Content-Length headers";
            }
            contentLength = v;
        } else if (nameIs(line, TRANSFER_ENCODING, colon)) {
            if (hasToken(line, from, to, CHUNKED)) {
                chunked = true;
            }
        } else if (nameIs(line, CONNECTION, colon)) {
            if (hasToken(line, from, to, CLOSE)) {
                connectionClose = true;
            }
            if (hasToken(line, from, to, KEEP_ALIVE)) {
                connectionKeepAlive = true;
            }
        }
        return null;
    }

    private static boolean nameIs(byte[] line, byte[] lowerName, int nameLength) {
        if (nameLength != lowerName.length) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (lower(line[i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated list in {@code line[from, to)} holds {@code token}, case-insensitively. */
    private static boolean hasToken(byte[] line, int from, int to, byte[] token) {
        int i = from;
        while (i < to) {
            while (i < to && (line[i] == ' ' || line[i] == '\t' || line[i] == ',')) {
                i++;
            }
            int start = i;
            while (i < to && line[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
                end--;
            }
            if (end - start == token.length) {
                boolean eq = true;
                for (int k = 0; k < token.length && eq; k++) {
                    eq = lower(line[start + k]) == token[k];
                }
                if (eq) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

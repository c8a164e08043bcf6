package dev.concurrencybench.pipeline.http;

/**
 * A request the parser refuses, with the RFC 9112 status to answer it with. After one of these the
 * connection's framing is lost: the server answers and closes.
 */
public final class HttpParseException extends Exception {

    private final int status;

    /**
     * @param status  400, 413, 414, 431, 501 or 505
     * @param message short reason, sent to the client in the JSON error body; no request bytes echoed raw
     */
    public HttpParseException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

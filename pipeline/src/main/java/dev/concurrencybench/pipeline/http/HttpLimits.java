package dev.concurrencybench.pipeline.http;

/**
 * Protocol limits every server enforces identically. Sizes are in bytes, times in milliseconds.
 *
 * @param maxRequestLineBytes request line without CRLF; longer → 414
 * @param maxHeaderBytes      the whole header section (field lines with their CRLFs, chunked trailers too); larger → 431
 * @param maxHeaderCount      number of header field lines; more → 431
 * @param maxBodyBytes        decoded body size (Content-Length or the sum of chunks); larger → 413
 * @param headerReadTimeoutMillis time allowed from a request's first byte to its last header byte; then the
 *                            connection is closed (slowloris defence)
 * @param idleTimeoutMillis   time a keep-alive connection may sit between requests before it is closed
 */
public record HttpLimits(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        int maxBodyBytes,
        long headerReadTimeoutMillis,
        long idleTimeoutMillis) {

    public HttpLimits {
        if (maxRequestLineBytes < 16) throw new IllegalArgumentException("maxRequestLineBytes must be >= 16");
        if (maxHeaderBytes < 64) throw new IllegalArgumentException("maxHeaderBytes must be >= 64");
        if (maxHeaderCount < 1) throw new IllegalArgumentException("maxHeaderCount must be >= 1");
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must be >= 0");
        if (headerReadTimeoutMillis < 1 || idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("timeouts must be >= 1 ms");
        }
    }

    /** 8 KiB request line, 32 KiB / 100 header lines, 1 MiB body, 10 s header read, 60 s idle. */
    public static HttpLimits defaults() {
        return new HttpLimits(8 * 1024, 32 * 1024, 100, 1024 * 1024, 10_000, 60_000);
    }

    public HttpLimits withMaxBodyBytes(int v) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, v, headerReadTimeoutMillis, idleTimeoutMillis);
    }

    public HttpLimits withTimeouts(long headerReadMillis, long idleMillis) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, headerReadMillis, idleMillis);
    }
}

package dev.concurrencybench.pipeline.http;

/**
 * Protocol limits every server enforces identically. Sizes are in bytes, times in milliseconds, rates in bytes per
 * second.
 *
 * @param maxRequestLineBytes request line without CRLF; longer → 414
 * @param maxHeaderBytes      the whole header section (field lines with their CRLFs, chunked trailers too); larger → 431
 * @param maxHeaderCount      number of header field lines; more → 431
 * @param maxBodyBytes        decoded body size (Content-Length or the sum of chunks); larger → 413
 * @param headerReadTimeoutMillis time allowed from a request's first byte to its last header byte; then the
 *                            connection is closed without an answer (slowloris defence)
 * @param idleTimeoutMillis   time a keep-alive connection may sit between requests before it is closed; also the
 *                            longest pause between two reads of a request body
 * @param minRequestDataRate  minimum request data rate for bodies, bytes/s (Jetty's {@code minRequestDataRate});
 *                            0 turns it off. Counted from the end of the header section: once
 *                            {@code headerReadTimeoutMillis} has passed (the grace period, the same time the header
 *                            section was given), a body still arriving must have averaged at least this rate since
 *                            then, or the request is answered {@code 408} and the connection closed. Header reads are
 *                            not rated: the header-read timeout already bounds them absolutely.
 */
public record HttpLimits(
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        int maxBodyBytes,
        long headerReadTimeoutMillis,
        long idleTimeoutMillis,
        long minRequestDataRate) {

    /**
     * 1 KiB/s: far below any real client (a 56 kbit/s modem moves 7 KiB/s) and far above an attacker trickling a
     * byte now and then. With the 10 s grace it never cuts a body sooner than the old rule did (a whole request
     * within the header-read timeout), so it changes nothing for the benchmark's own loopback clients.
     */
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;
    /** Above this a "minimum" rate is a typo (1 GiB/s would cut even loopback clients under load). */
    public static final long MAX_MIN_REQUEST_DATA_RATE = 1L << 30;

    public HttpLimits {
        if (maxRequestLineBytes < 16) throw new IllegalArgumentException("maxRequestLineBytes must be >= 16");
        if (maxHeaderBytes < 64) throw new IllegalArgumentException("maxHeaderBytes must be >= 64");
        if (maxHeaderCount < 1) throw new IllegalArgumentException("maxHeaderCount must be >= 1");
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must be >= 0");
        if (headerReadTimeoutMillis < 1 || idleTimeoutMillis < 1) {
            throw new IllegalArgumentException("timeouts must be >= 1 ms");
        }
        if (minRequestDataRate < 0 || minRequestDataRate > MAX_MIN_REQUEST_DATA_RATE) {
            throw new IllegalArgumentException("minimum request data rate must be 0 (off) to " + MAX_MIN_REQUEST_DATA_RATE
                    + " bytes/s, was " + minRequestDataRate);
        }
    }

    /** The limits with the default minimum request data rate ({@value #DEFAULT_MIN_REQUEST_DATA_RATE} bytes/s). */
    public HttpLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, int maxBodyBytes,
                      long headerReadTimeoutMillis, long idleTimeoutMillis) {
        this(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, headerReadTimeoutMillis,
                idleTimeoutMillis, DEFAULT_MIN_REQUEST_DATA_RATE);
    }

    /** 8 KiB request line, 32 KiB / 100 header lines, 1 MiB body, 10 s header read, 60 s idle, bodies ≥ 1 KiB/s. */
    public static HttpLimits defaults() {
        return new HttpLimits(8 * 1024, 32 * 1024, 100, 1024 * 1024, 10_000, 60_000, DEFAULT_MIN_REQUEST_DATA_RATE);
    }

    public HttpLimits withMaxBodyBytes(int v) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, v, headerReadTimeoutMillis,
                idleTimeoutMillis, minRequestDataRate);
    }

    public HttpLimits withTimeouts(long headerReadMillis, long idleMillis) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, headerReadMillis,
                idleMillis, minRequestDataRate);
    }

    /** @param bytesPerSecond the minimum request data rate for bodies; 0 turns the check off */
    public HttpLimits withMinRequestDataRate(long bytesPerSecond) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes,
                headerReadTimeoutMillis, idleTimeoutMillis, bytesPerSecond);
    }
}

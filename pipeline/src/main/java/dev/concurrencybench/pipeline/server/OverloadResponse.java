package dev.concurrencybench.pipeline.server;

/**
 * What a model does with a connection that arrives while it already holds {@link ServerConfig#maxConnections()}:
 * a documented choice of each model ({@link ServerProvider#atMaxConnections()}), which the conformance suite checks.
 * In every case the connections already held are served as before, and the server takes new ones again as soon
 * as held ones close.
 */
public enum OverloadResponse {

    /**
     * Accepted, answered {@code 503 Service Unavailable} with {@code Connection: close}, closed (under TLS there is
     * no session to answer in: closed without a byte).
     */
    SERVICE_UNAVAILABLE,

    /** Accepted and closed at once, without a byte. */
    CLOSE,

    /**
     * Not accepted: the server stops calling accept() until a held connection closes, so new connections wait in
     * the kernel's listen backlog ({@link ServerConfig#backlog()}) and are served, in order, as slots free up;
     * beyond the backlog the kernel drops SYNs and the client retries.
     */
    BACKLOG
}

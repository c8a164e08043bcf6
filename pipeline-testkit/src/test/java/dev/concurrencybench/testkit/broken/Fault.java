package dev.concurrencybench.testkit.broken;

/**
 * One deliberate bug of {@link ReferenceServer}, injected at the byte or socket level so that the shared
 * pipeline itself stays correct: each fault is a mistake a real server loop could make around it.
 */
public enum Fault {
    /** Removes {@code Content-Length} field lines from inbound bytes: bodies are then read as the next request. */
    IGNORES_CONTENT_LENGTH,
    /** Never closes a connection the pipeline marked {@code closing()}; waits for the client to hang up. */
    NEVER_CLOSES,
    /** Starts fresh protocol state after every response, dropping pipelined requests already buffered. */
    ANSWERS_ONLY_FIRST_PIPELINED,
    /** Applies the idle timeout while headers are incomplete: slowloris keeps a connection forever. */
    NO_HEADER_READ_TIMEOUT,
    /** Reads every {@code HEAD} request line as {@code GET}: HEAD responses then carry GET's body. */
    ANSWERS_HEAD_AS_GET,
    /** Forgets to close the socket when a read or write fails (client reset): one leaked descriptor each. */
    LEAKS_ON_RESET,
    /** Accepts every connection whatever {@code maxConnections} says. */
    IGNORES_MAX_CONNECTIONS,
    /** Never applies the minimum request data rate: a trickled body is only bounded by the idle timeout. */
    NO_MIN_DATA_RATE
}

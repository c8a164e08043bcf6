package dev.concurrencybench.loadgen.driver;

/**
 * One request on its way. Created by the sender, then owned by the connection's event loop.
 */
final class Pending {
    /** Intended send time, nanoTime ns. */
    final long intendedNanos;
    /** When the generator was free to send it (after any wait for a connection), nanoTime ns. */
    long readyNanos;
    final RequestTemplate template;
    /** Actual write time, nanoTime ns; set on the event loop. */
    long sentNanos;

    Pending(long intendedNanos, long readyNanos, RequestTemplate template) {
        this.intendedNanos = intendedNanos;
        this.readyNanos = readyNanos;
        this.template = template;
    }
}

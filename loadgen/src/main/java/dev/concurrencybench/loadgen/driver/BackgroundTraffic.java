package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Clients that run beside a measurement without being measured: the hostile background groups of a scenario
 * ({@code dev.concurrencybench.loadgen.hostile}). {@link PreciseDriver} starts them before it opens its own
 * connections, so they are in place for the whole warm-up plus measurement, and stops them when the measurement
 * has drained. They run on their own thread; these methods are called from the driver's calling thread.
 */
public interface BackgroundTraffic {

    /**
     * Starts the clients on their own thread.
     *
     * @param address       the server
     * @param deadlineNanos {@code System.nanoTime()} by which they stop on their own, whatever happens
     * @throws IOException when they cannot start (e.g. the open-file limit is too low for them)
     */
    void start(InetSocketAddress address, long deadlineNanos) throws IOException;

    /**
     * Blocks until the clients' initial connections are in place (or failed), at most {@code timeoutNanos}.
     *
     * @param timeoutNanos the longest wait, ns
     */
    void awaitEstablished(long timeoutNanos);

    /** Stops the clients and closes their connections; waits for their thread to end. Idempotent. */
    void stop();
}

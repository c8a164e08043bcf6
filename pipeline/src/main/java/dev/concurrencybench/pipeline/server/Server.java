package dev.concurrencybench.pipeline.server;

import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.net.InetSocketAddress;

/**
 * A running server of one concurrency model. Thread-safe: {@link #close()} may be called from any thread.
 */
public interface Server extends AutoCloseable {

    /** The address actually bound (port resolved when 0 was asked for). */
    InetSocketAddress address();

    /** The per-stage latency recorders this server writes into (no-op recorders when stage timing is off). */
    StageRecorders stages();

    /**
     * Graceful stop: stops accepting, lets requests already being processed finish and be written (bounded by
     * {@link ServerConfig#shutdownGraceMillis()}), closes every connection and frees the port. Idempotent.
     */
    @Override
    void close();
}

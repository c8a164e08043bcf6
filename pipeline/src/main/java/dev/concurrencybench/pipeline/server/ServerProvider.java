package dev.concurrencybench.pipeline.server;

import java.io.IOException;

/**
 * Service-provider interface through which every concurrency model is found ({@link java.util.ServiceLoader}),
 * never by a {@code switch} over names.
 *
 * <p>Each server module registers exactly one provider in
 * {@code META-INF/services/dev.concurrencybench.pipeline.server.ServerProvider}. Implementations are stateless
 * and thread-safe; {@link #start} may be called several times to run several independent servers.
 */
public interface ServerProvider {

    /** The id used on every command line and in every results path: {@code threadpool}, {@code eventloop}, {@code virtual}, {@code reactive}. */
    String id();

    /** One line for {@code --help} and listings: the concurrency model in plain words. */
    String description();

    /** The model's documented answer to one connection more than {@link ServerConfig#maxConnections()}. */
    OverloadResponse atMaxConnections();

    /**
     * Binds the listening socket and starts serving; returns once the server accepts connections.
     *
     * @param config what to bind and how to behave; never null
     * @return the running server; closing it stops it gracefully
     * @throws IOException if the port cannot be bound or TLS material cannot be loaded
     */
    Server start(ServerConfig config) throws IOException;
}

package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import java.util.Arrays;
import java.util.Locale;

/**
 * The production peers, each with the model it stands beside (see the package description).
 */
public enum Peer {
    JETTY("jetty", "threadpool", "Jetty 12.1 core handlers, default QueuedThreadPool", JettyPeer::start),
    NETTY("netty", "eventloop", "Netty 4.2 HttpServerCodec, 1 NIO event loop (and 1 acceptor loop)", NettyPeer::start),
    HELIDON("helidon", "virtual", "Helidon SE 4.5 WebServer, a virtual thread per connection", HelidonPeer::start),
    REACTOR_NETTY("reactor-netty", "reactive", "Reactor Netty 1.3 HttpServer, 1 NIO loop (and 1 acceptor loop)", ReactorNettyPeer::start);

    /** How a peer starts: {@link #start}. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start(String host, int port, TlsContexts tls) throws Exception;
    }

    private final String id;
    private final String model;
    private final String description;
    private final Starter starter;

    Peer(String id, String model, String description, Starter starter) {
        this.id = id;
        this.model = model;
        this.description = description;
        this.starter = starter;
    }

    /** The name on the command line and in reports, e.g. {@code reactor-netty}. */
    public String id() {
        return id;
    }

    /** The id of the model this peer stands beside, e.g. {@code reactive}. */
    public String model() {
        return model;
    }

    /** What it is and how it runs, e.g. {@code Helidon SE 4.5 WebServer, a virtual thread per connection}. */
    public String description() {
        return description;
    }

    /**
     * Binds and starts serving; closing the result stops the server.
     *
     * @param tls the models' TLS contexts, or null for plain HTTP
     */
    AutoCloseable start(String host, int port, TlsContexts tls) throws Exception {
        return starter.start(host, port, tls);
    }

    /** The peer of that id. */
    public static Peer of(String id) {
        for (Peer p : values()) {
            if (p.id.equals(id)) return p;
        }
        throw new IllegalArgumentException("unknown peer '" + id + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(Peer::id).toList()) + ")");
    }

    /** The peer that stands beside model {@code modelId}, or null. */
    public static Peer ofModel(String modelId) {
        for (Peer p : values()) {
            if (p.model.equals(modelId.toLowerCase(Locale.ROOT))) return p;
        }
        return null;
    }
}

package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import java.util.Arrays;
import java.util.Locale;

/**
 * The production peers, each with the model it stands beside (see the package description).
 */
public enum Peer {
    JETTY("jetty", "threadpool", "Jetty 12.1 core handlers, default QueuedThreadPool") {
        @Override
        AutoCloseable start(String host, int port, TlsContexts tls) throws Exception {
            return JettyPeer.start(host, port, tls);
        }
    },
    NETTY("netty", "eventloop", "Netty 4.2 HttpServerCodec, 1 NIO event loop") {
        @Override
        AutoCloseable start(String host, int port, TlsContexts tls) throws Exception {
            return NettyPeer.start(host, port, tls);
        }
    },
    HELIDON("helidon", "virtual", "Helidon SE 4.5 WebServer, a virtual thread per connection") {
        @Override
        AutoCloseable start(String host, int port, TlsContexts tls) throws Exception {
            return HelidonPeer.start(host, port, tls);
        }
    },
    REACTOR_NETTY("reactor-netty", "reactive", "Reactor Netty 1.3 HttpServer, 1 NIO loop") {
        @Override
        AutoCloseable start(String host, int port, TlsContexts tls) throws Exception {
            return ReactorNettyPeer.start(host, port, tls);
        }
    };

    private final String id;
    private final String model;
    private final String description;

    Peer(String id, String model, String description) {
        this.id = id;
        this.model = model;
        this.description = description;
    }

    /** The name on the command line and in reports, e.g. {@code reactor-netty}. */
    public String id() {
        return id;
    }

    /** The id of the model this peer stands beside, e.g. {@code reactive}. */
    public String model() {
        return model;
    }

    /** What it is and how it runs, e.g. {@code Netty 4.2 HttpServerCodec, 1 NIO event loop}. */
    public String description() {
        return description;
    }

    /**
     * Binds and starts serving; closing the result stops the server.
     *
     * @param tls the models' TLS contexts, or null for plain HTTP
     */
    abstract AutoCloseable start(String host, int port, TlsContexts tls) throws Exception;

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

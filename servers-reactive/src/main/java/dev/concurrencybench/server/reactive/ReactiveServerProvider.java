package dev.concurrencybench.server.reactive;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;

/** Registers the Reactor model under id {@code reactive}. */
public final class ReactiveServerProvider implements ServerProvider {

    @Override
    public String id() {
        return "reactive";
    }

    @Override
    public String description() {
        return "Reactor Netty TcpServer, Reactor operators per connection, Mono.delay on the connection's event loop"
                + " (default one loop per core)";
    }

    @Override
    public OverloadResponse atMaxConnections() {
        return ReactiveServer.AT_MAX_CONNECTIONS;
    }

    @Override
    public Server start(ServerConfig config) throws IOException {
        return ReactiveServer.start(config);
    }
}

package dev.concurrencybench.server.virtual;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;

/** Registers the virtual-thread model under id {@code virtual}. */
public final class VirtualThreadServerProvider implements ServerProvider {

    @Override
    public String id() {
        return "virtual";
    }

    @Override
    public String description() {
        return "one virtual thread per connection (default scheduler), blocking I/O";
    }

    @Override
    public OverloadResponse atMaxConnections() {
        return VirtualThreadServer.AT_MAX_CONNECTIONS;
    }

    @Override
    public Server start(ServerConfig config) throws IOException {
        return VirtualThreadServer.start(config);
    }
}

package dev.concurrencybench.server.threadpool;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;

/** Registers the thread-pool model under id {@code threadpool}. */
public final class ThreadPoolServerProvider implements ServerProvider {

    @Override
    public String id() {
        return "threadpool";
    }

    @Override
    public String description() {
        return "fixed pool of platform threads (default 200), one connection per thread, blocking I/O";
    }

    @Override
    public OverloadResponse atMaxConnections() {
        return ThreadPoolServer.AT_MAX_CONNECTIONS;
    }

    @Override
    public Server start(ServerConfig config) throws IOException {
        return ThreadPoolServer.start(config);
    }
}

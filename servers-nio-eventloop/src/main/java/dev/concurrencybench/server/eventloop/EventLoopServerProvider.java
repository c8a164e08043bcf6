package dev.concurrencybench.server.eventloop;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;

/** Registers the event-loop model under id {@code eventloop}. */
public final class EventLoopServerProvider implements ServerProvider {

    @Override
    public String id() {
        return "eventloop";
    }

    @Override
    public String description() {
        return "one NIO selector thread does everything, I/O waits are loop timers (--loops, --offload-cpu-threads)";
    }

    @Override
    public OverloadResponse atMaxConnections() {
        return EventLoopServer.AT_MAX_CONNECTIONS;
    }

    @Override
    public Server start(ServerConfig config) throws IOException {
        return EventLoopServer.start(config);
    }
}

package dev.concurrencybench.loadgen.testserver;

import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;

/**
 * Makes the id {@code test} discoverable through ServiceLoader in tests; the orchestration tests launch
 * {@link TestHttpServer#main} as the server JVM instead of {@code bench serve}.
 */
public final class TestServerProvider implements ServerProvider {
    @Override
    public String id() {
        return "test";
    }

    @Override
    public String description() {
        return "test server: thread per connection, answers at once";
    }

    @Override
    public Server start(ServerConfig config) throws IOException {
        throw new IOException("the test provider is only launched as its own JVM (TestHttpServer.main)");
    }
}

package dev.concurrencybench.server.eventloop;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.AbstractServerConformanceTest;
import java.io.IOException;

/**
 * The shared wire-contract suite again, with the model's two non-default knobs on: {@code --loops 2} (accepted
 * channels handed between loops) and {@code --offload-cpu-threads 2} (CPU work completing through posted tasks).
 */
class EventLoopClusterConformanceTest extends AbstractServerConformanceTest {

    @Override
    protected ServerProvider provider() {
        EventLoopServerProvider plain = new EventLoopServerProvider();
        return new ServerProvider() {
            @Override
            public String id() {
                return plain.id();
            }

            @Override
            public String description() {
                return plain.description() + " (2 loops, 2 offload threads)";
            }

            @Override
            public OverloadResponse atMaxConnections() {
                return plain.atMaxConnections();
            }

            @Override
            public Server start(ServerConfig config) throws IOException {
                return plain.start(config.toBuilder().loops(2).offloadCpuThreads(2).build());
            }
        };
    }
}

package dev.concurrencybench.server.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.server.ServerConfig;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Server shutdown reaches every connection it still holds, including one whose channel has just left its event
 * loop: Netty's {@code channel.eventLoop()} throws for such a channel, and that once escaped {@code close()} under
 * load (seen in {@code DriverAgainstServersTest}). The connection's own loop scheduler is used instead.
 */
class ReactiveConnectionShutdownTest {

    @Test
    void shutdownGoesThroughTheConnectionsLoopEvenWhenTheChannelHasNone() throws Exception {
        NioSocketChannel unregistered = new NioSocketChannel();
        assertThrows(IllegalStateException.class, unregistered::eventLoop, "the channel state this test is about");
        List<Runnable> scheduled = new ArrayList<>();
        Scheduler loop = Schedulers.fromExecutor(scheduled::add);
        ReactiveConnection c = new ReactiveConnection(Connection.from(unregistered), null, null,
                Pipeline.create(ServerConfig.builder().build()), loop, UnaryOperator.identity(), null);
        c.shutdown();
        assertEquals(1, scheduled.size(), "the close is handed to the connection's loop");
        unregistered.unsafe().closeForcibly();
    }
}

package dev.concurrencybench.server.virtual;

import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.server.threadpool.ThreadPoolServerProvider;
import dev.concurrencybench.testkit.RawHttpClient;
import dev.concurrencybench.testkit.WireContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocking models read without a socket timeout; their idle timeout is enforced by the server's deadline sweeper
 * (servers-threadpool's {@code BlockingServer}). The conformance suite covers the header-read timeout; these tests
 * cover the idle one, and that a connection whose thread is busy with a request is never closed under it, however
 * long the request takes. Both blocking models are tested here, the one module that sees them both.
 */
class BlockingReadDeadlineTest {

    private static final long IDLE_MILLIS = 300;

    static Stream<ServerProvider> blockingModels() {
        return Stream.of(new ThreadPoolServerProvider(), new VirtualThreadServerProvider());
    }

    private static Server start(ServerProvider provider) throws Exception {
        return provider.start(ServerConfig.builder()
                .limits(HttpLimits.defaults().withTimeouts(10_000, IDLE_MILLIS)).build());
    }

    @ParameterizedTest
    @MethodSource("blockingModels")
    @Timeout(30)
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout(ServerProvider provider) throws Exception {
        try (Server server = start(provider); RawHttpClient c = RawHttpClient.connect(server.address())) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
            assertTrue(c.closedByServerWithin(5_000), "an idle connection outlived the 300 ms idle timeout by 5 s");
        }
    }

    @ParameterizedTest
    @MethodSource("blockingModels")
    @Timeout(30)
    void aBusyConnectionIsNeverClosedByTheIdleTimeout(ServerProvider provider) throws Exception {
        try (Server server = start(provider); RawHttpClient c = RawHttpClient.connect(server.address())) {
            // The handler waits three idle timeouts: the sweeper must leave a connection alone while it is served.
            c.send(WireContract.postWork(WireContract.workBody(1, 3 * IDLE_MILLIS * 1_000, 0)));
            assertWork(c.readResponse(), 1, 3 * IDLE_MILLIS * 1_000, 0);
            // Requests closer together than the timeout keep the connection open: each read has its own deadline.
            for (int i = 0; i < 6; i++) {
                Thread.sleep(IDLE_MILLIS / 3);
                assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
            }
            assertFalse(c.closedByServerWithin((int) IDLE_MILLIS / 3), "closed although used within the timeout");
        }
    }
}

package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Server#close()}: in-flight requests finish, every connection is closed, the port is freed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ShutdownConformance {

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void closeLetsInFlightRequestFinishAndFreesThePort() throws Exception {
        Server server = fixture().start(ServerConfig.builder().build());
        InetSocketAddress address = server.address();
        try (RawHttpClient c = RawHttpClient.connect(address)) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT)); // the connection is served before close
            c.send(WireContract.postWork(WireContract.workBody(1, 500_000, 0)));
            // let the request reach the handler; it then waits 500 ms, so close() lands mid-request
            Thread.sleep(150);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, runnable -> {
                Thread t = new Thread(runnable, "conformance-close");
                t.start();
            });
            assertWork(c.readResponse(), 1, 500_000, 0);
            closing.get(20, TimeUnit.SECONDS);
        }
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            assertDoesNotThrow(() -> rebind.bind(address), "port still bound after close() returned");
        }
    }

    @Test
    void closeClosesIdleConnections() throws Exception {
        Server server = fixture().start(ServerConfig.builder().build());
        try (RawHttpClient idle = RawHttpClient.connect(server.address())) {
            assertPlaintext(idle.exchange(WireContract.GET_PLAINTEXT));
            CompletableFuture.runAsync(server::close, runnable -> new Thread(runnable, "conformance-close").start())
                    .get(20, TimeUnit.SECONDS);
            assertTrue(idle.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS),
                    "an idle keep-alive connection survived close()");
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        Server server = fixture().start(ServerConfig.builder().build());
        server.close();
        assertDoesNotThrow(server::close);
    }
}

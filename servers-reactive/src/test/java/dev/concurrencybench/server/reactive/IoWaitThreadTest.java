package dev.concurrencybench.server.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The model's defining promise: {@code ioMicros} is a {@code Mono.delay} that resumes on the connection's own event
 * loop. A decorator around the server's wait strategy records the thread that starts each wait and the thread the
 * continuation runs on; a delay on any other scheduler (Reactor's parallel pool, say) resumes elsewhere and fails.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IoWaitThreadTest {

    record Hop(Thread waited, Thread resumed) {}

    @Test
    void ioWaitResumesOnTheConnectionsOwnEventLoop() throws IOException {
        Queue<Hop> hops = new ConcurrentLinkedQueue<>();
        try (ReactiveServer server = ReactiveServer.start(
                ServerConfig.builder().port(0).eventLoopThreads(2).build(), inner -> new WaitStrategy() {
                    @Override
                    public void awaitIo(long micros, Runnable resume) {
                        Thread waited = Thread.currentThread();
                        inner.awaitIo(micros, () -> {
                            hops.add(new Hop(waited, Thread.currentThread()));
                            resume.run();
                        });
                    }

                    @Override
                    public <T> void runCpu(Supplier<T> work, Consumer<T> resume) {
                        inner.runCpu(work, resume);
                    }
                })) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket(server.address().getAddress(), server.address().getPort());
                    s.setSoTimeout(20_000);
                    sockets.add(s);
                    s.getOutputStream().write(RawHttp.postWork(1_000));
                    s.getOutputStream().write(RawHttp.postWork(2_000));
                }
                for (Socket s : sockets) {
                    BufferedInputStream in = new BufferedInputStream(s.getInputStream());
                    assertEquals(200, RawHttp.read(in).status());
                    assertEquals(200, RawHttp.read(in).status());
                }
            } finally {
                for (Socket s : sockets) s.close();
            }
        }
        assertEquals(8, hops.size());
        for (Hop hop : hops) {
            assertTrue(hop.waited().getName().startsWith("reactive-"), "wait started on " + hop.waited().getName());
            assertEquals(hop.waited(), hop.resumed(), "resumed on " + hop.resumed().getName());
        }
        assertEquals(2, hops.stream().map(Hop::waited).distinct().count(), "four connections spread over two loops");
    }
}

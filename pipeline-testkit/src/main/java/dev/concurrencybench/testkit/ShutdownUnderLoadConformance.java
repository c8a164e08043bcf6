package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Server#close()} under a steady load: every request either gets its full response or finds its connection
 * refused or closed before a single byte of the response — never a truncated response — and a request the server
 * was already processing when close() began is answered in full.
 *
 * <p>Clients loop on keep-alive connections, alternating {@code /plaintext} with {@code /work} that waits
 * {@value #WORK_WAIT_MICROS} µs, so at any moment about half of them have a request in the server's I/O wait. A
 * request sent at least {@value #IN_FLIGHT_MARGIN_MILLIS} ms before close() began, and still waiting then, is taken
 * as being processed: losing it is a failure. Every client is bounded in requests and stops at the first refusal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ShutdownUnderLoadConformance {

    static final int CLIENTS = 24;
    static final int MAX_REQUESTS_PER_CLIENT = 200;
    static final long WORK_WAIT_MICROS = 300_000;
    static final long IN_FLIGHT_MARGIN_MILLIS = 150;
    static final long LOAD_BEFORE_CLOSE_MILLIS = 700;

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void shutdownUnderLoadTruncatesNoResponseAndLosesNoneInFlight() throws Exception {
        Server server = fixture().start(ServerConfig.builder().shutdownGraceMillis(10_000).build());
        InetSocketAddress address = server.address();
        String work = WireContract.postWork(WireContract.workBody(1, WORK_WAIT_MICROS, 0));
        AtomicLong closeBegan = new AtomicLong();
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger answeredAcrossClose = new AtomicInteger();
        Queue<String> truncated = new ConcurrentLinkedQueue<>();
        Queue<String> lostInFlight = new ConcurrentLinkedQueue<>();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                clients.add(pool.submit(() -> {
                    RawHttpClient c = null;
                    try {
                        for (int k = 0; k < MAX_REQUESTS_PER_CLIENT; k++) {
                            if (c == null) {
                                try {
                                    c = RawHttpClient.connect(address);
                                } catch (IOException refused) {
                                    return null; // the listener is closed: this client is done
                                }
                            }
                            boolean isWork = (k + id) % 2 == 0;
                            long sentAt = System.nanoTime();
                            long before = c.bytesReceived();
                            RawResponse r;
                            try {
                                c.send(isWork ? work : WireContract.GET_PLAINTEXT);
                                r = c.readResponse();
                            } catch (IOException e) {
                                long began = closeBegan.get();
                                if (c.bytesReceived() != before) {
                                    truncated.add("client " + id + ": " + (c.bytesReceived() - before)
                                            + " bytes of a response, then " + e);
                                } else if (isWork && began != 0 && began - sentAt
                                        >= TimeUnit.MILLISECONDS.toNanos(IN_FLIGHT_MARGIN_MILLIS)) {
                                    lostInFlight.add("client " + id + ": /work sent "
                                            + TimeUnit.NANOSECONDS.toMillis(began - sentAt)
                                            + " ms before close() got no response: " + e);
                                }
                                c.close();
                                c = null;
                                if (began == 0) throw e; // no shutdown yet: a plain failure
                                continue;
                            }
                            if (isWork) assertWork(r, 1, WORK_WAIT_MICROS, 0);
                            else assertPlaintext(r);
                            complete.incrementAndGet();
                            long began = closeBegan.get();
                            if (began != 0 && began - sentAt > 0) answeredAcrossClose.incrementAndGet();
                            if ("close".equalsIgnoreCase(r.header("Connection"))) {
                                c.close();
                                c = null;
                            }
                        }
                        return null;
                    } finally {
                        if (c != null) c.close();
                    }
                }));
            }
            Thread.sleep(LOAD_BEFORE_CLOSE_MILLIS);
            closeBegan.set(System.nanoTime());
            server.close();
            for (Future<?> f : clients) {
                try {
                    f.get(40, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError("a client failed: " + e.getCause(), e.getCause());
                }
            }
        }
        assertTrue(truncated.isEmpty(), () -> truncated.size() + " truncated responses; first: " + truncated.peek());
        assertTrue(lostInFlight.isEmpty(), () -> lostInFlight.size() + " requests lost in flight; first: " + lostInFlight.peek());
        // The test only proves something if close() really met requests in progress.
        assertTrue(answeredAcrossClose.get() > 0, () -> "no request was in flight when close() began ("
                + complete.get() + " responses in all)");
    }
}

package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertJson;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a server must survive: many concurrent connections, clients that vanish mid-request or mid-response,
 * and clients too slow to finish their headers. The servers run in this JVM, so a leaked socket shows up in
 * {@code /proc/self/fd}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class RobustnessConformance {

    static final int CONNECTIONS = 1_000;
    static final int REQUESTS_PER_CONNECTION = 3;
    /** Descriptors the JVM itself may open during a test (class files, pollers): slack, not a target. */
    static final int FD_TOLERANCE = 16;

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void thousandConcurrentKeepAliveConnections() throws Exception {
        CountDownLatch allConnected = new CountDownLatch(CONNECTIONS);
        List<Future<?>> clients = new ArrayList<>(CONNECTIONS);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(pool.submit(() -> {
                    try (RawHttpClient c = fixture().connect()) {
                        allConnected.countDown();
                        // all connections are open at once before the first request goes out
                        allConnected.await(30, TimeUnit.SECONDS);
                        assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
                        assertJson(c.exchange(WireContract.GET_JSON));
                        assertWork(c.exchange(WireContract.postWork(WireContract.workBody(1, 0, 0))), 1, 0, 0);
                    }
                    return null;
                }));
            }
            int failed = 0;
            Throwable first = null;
            for (Future<?> f : clients) {
                try {
                    f.get(50, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    if (first == null) first = e.getCause();
                }
            }
            if (failed > 0) {
                throw new AssertionError(failed + " of " + CONNECTIONS + " connections failed; first: " + first, first);
            }
        }
    }

    @Test
    void clientVanishingMidRequestDoesNotHurtOthers() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (RawHttpClient c = fixture().connect()) {
                c.send("GET /plaintext HTTP/1.1\r\nHost: loc");
            }
            RawHttpClient c = fixture().connect();
            c.send("POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"cpu");
            c.abort();
        }
        try (RawHttpClient c = fixture().connect()) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    @Test
    void clientVanishingMidResponseDoesNotHurtOthers() throws IOException {
        String work = WireContract.postWork(WireContract.workBody(1000, 1000, 0));
        for (int i = 0; i < 20; i++) {
            RawHttpClient c = fixture().connect();
            c.send(work.repeat(8) + WireContract.GET_JSON.repeat(50));
            c.abort();
        }
        try (RawHttpClient c = fixture().connect()) {
            assertJson(c.exchange(WireContract.GET_JSON));
            assertWork(c.exchange(WireContract.POST_WORK));
        }
    }

    @Test
    void abusiveClientsLeakNoFileDescriptors() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
        try (RawHttpClient warm = fixture().connect()) {
            assertPlaintext(warm.exchange(WireContract.GET_PLAINTEXT));
        }
        long baseline = settledCount(fds, Long.MAX_VALUE);
        for (int i = 0; i < 50; i++) {
            try (RawHttpClient c = fixture().connect()) {
                c.send("GET /json HTTP/1.1\r\nHost: localhost\r\nX-Half");
            }
            RawHttpClient reset = fixture().connect();
            reset.send(WireContract.POST_WORK.repeat(4));
            reset.abort();
            try (RawHttpClient c = fixture().connectStrict()) {
                c.send("GET /json HTTP/1.1\r\nHost: localhost\r\nX-Nul: \0\r\n\r\n");
            }
        }
        try (RawHttpClient c = fixture().connect()) {
            assertJson(c.exchange(WireContract.GET_JSON));
        }
        long after = settledCount(fds, baseline + FD_TOLERANCE);
        assertTrue(after <= baseline + FD_TOLERANCE,
                () -> "file descriptors: " + baseline + " before 150 abusive connections, still " + after + " after");
    }

    @Test
    void partialRequestLineIsClosedAfterHeaderReadTimeout() throws IOException {
        try (RawHttpClient c = fixture().connectStrict()) {
            c.send("GET /plain");
            assertTrue(c.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS),
                    "a partial request line kept the connection open past headerReadTimeout (300 ms)");
        }
    }

    @Test
    void partialHeadersAreClosedAfterHeaderReadTimeout() throws IOException {
        try (RawHttpClient c = fixture().connectStrict()) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n");
            assertTrue(c.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS),
                    "unfinished headers kept the connection open past headerReadTimeout (300 ms)");
        }
    }

    /**
     * Slowloris proper: one header byte every 100 ms. The timeout runs from the request's first byte, so
     * trickling bytes must not extend it (HttpLimits#headerReadTimeoutMillis).
     */
    @Test
    void tricklingHeadersAreClosedAfterHeaderReadTimeout() throws IOException {
        try (RawHttpClient c = fixture().connectStrict()) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < 50; i++) {
                try {
                    c.send("X");
                } catch (IOException closed) {
                    return;
                }
                if (c.closedByServerWithin(100)) return;
            }
            fail("a header trickling one byte per 100 ms was kept open for 5 s (headerReadTimeout 300 ms)");
        }
    }

    /** Polls the descriptor count until it is at most {@code target} or 10 s pass; returns the last count. */
    static long settledCount(Path fds, long target) throws Exception {
        long count = Long.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            try (Stream<Path> s = Files.list(fds)) {
                count = s.count() - 1; // the listing's own descriptor
            }
            if (count <= target) return count;
            Thread.sleep(100);
        }
        return count;
    }

}

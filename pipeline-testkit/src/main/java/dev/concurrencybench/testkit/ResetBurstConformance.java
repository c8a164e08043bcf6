package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertJson;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A burst of clients that reset their connections (SO_LINGER 0: an RST, not a FIN) all at once, some mid-request,
 * some mid-response (after the first response byte arrived, with more responses still being written), some in the
 * middle of a TLS request: afterwards the JVM's descriptor count returns to where it was, and the server still
 * serves. The servers run in this JVM, so a socket the server forgot to close stays in {@code /proc/self/fd}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
public abstract class ResetBurstConformance {

    /** Clients of each kind, all started together. */
    static final int PER_KIND = 100;

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    @Test
    void burstOfResetsMidRequestAndMidResponseLeaksNoDescriptor() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
        try (RawHttpClient warm = fixture().connect(); RawHttpClient warmTls = fixture().connectTls()) {
            assertPlaintext(warm.exchange(WireContract.GET_PLAINTEXT));
            assertPlaintext(warmTls.exchange(WireContract.GET_PLAINTEXT));
        }
        long baseline = RobustnessConformance.settledCount(fds, Long.MAX_VALUE);
        InetSocketAddress plain = fixture().plain();
        InetSocketAddress tls = fixture().tls();
        String midRequest = "POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"cpu";
        // A short I/O wait first, then many responses: the reset lands while the server is still writing.
        String manyResponses = WireContract.postWork(WireContract.workBody(10, 2_000, 0)).repeat(4)
                + WireContract.GET_JSON.repeat(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < PER_KIND; i++) {
                clients.add(pool.submit(() -> {
                    RawHttpClient c = RawHttpClient.connect(plain);
                    go.await();
                    c.send(midRequest);
                    c.abort();
                    return null;
                }));
                clients.add(pool.submit(() -> {
                    RawHttpClient c = RawHttpClient.connect(plain);
                    go.await();
                    c.send(manyResponses);
                    if (c.socket().getInputStream().read() < 0) throw new AssertionError("closed before a response");
                    c.abort(); // mid-response: one byte read, the rest still coming
                    return null;
                }));
                clients.add(pool.submit(() -> {
                    RawHttpClient c = RawHttpClient.connectTls(tls);
                    go.await();
                    c.send(midRequest);
                    c.abort();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : clients) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError("a resetting client failed before its reset: " + e.getCause(), e.getCause());
                }
            }
        }
        try (RawHttpClient c = fixture().connect(); RawHttpClient t = fixture().connectTls()) {
            assertJson(c.exchange(WireContract.GET_JSON));
            assertJson(t.exchange(WireContract.GET_JSON));
        }
        long target = baseline + RobustnessConformance.FD_TOLERANCE;
        long after = RobustnessConformance.settledCount(fds, target);
        assertTrue(after <= target, () -> "file descriptors: " + baseline + " before a burst of " + 3 * PER_KIND
                + " resets, still " + after + " after 10 s");
    }
}

package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertError;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that make the server wait on purpose: a thousand slowloris connections, and a body trickled below the
 * minimum request data rate. Each test starts its own server with a short header-read timeout
 * ({@value #HEADER_READ_MILLIS} ms, which is also the data rate's grace period).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SlowClientConformance {

    static final long HEADER_READ_MILLIS = 500;
    static final int SLOWLORIS = 1_000;
    /** Bytes/s a body must keep up in the rate tests; the trickle sends 10. */
    static final long MIN_RATE = 1_000;
    /** Upper bound on the whole slowloris attack; the server should need a few seconds at most. */
    static final long SLOWLORIS_BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    private Server start() throws IOException {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(HEADER_READ_MILLIS, 60_000).withMinRequestDataRate(MIN_RATE);
        return fixture().start(ServerConfig.builder().limits(limits).build());
    }

    /**
     * 1,000 connections, each sending a request line and then one header byte every 100 ms, never finishing: every
     * one is closed by the server, with no answer (the header-read timeout closes silently), and the server then
     * serves a normal request.
     */
    @Test
    void thousandSlowlorisConnectionsAreAllClosedByTheHeaderReadTimeout() throws Exception {
        long needed = 2L * SLOWLORIS + 500; // client and server end of each connection live in this JVM
        long limit = openFileLimit();
        Assumptions.assumeTrue(limit >= needed,
                "needs " + needed + " file descriptors (ulimit -n), this JVM may open " + limit);
        Server server = start();
        byte[] start = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] trickle = "X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> all = new ArrayList<>(SLOWLORIS);
        int answered = 0;
        try {
            for (int i = 0; i < SLOWLORIS; i++) {
                SocketChannel ch = SocketChannel.open(server.address());
                all.add(ch);
                ch.write(ByteBuffer.wrap(start));
                ch.configureBlocking(false);
            }
            List<SocketChannel> open = new ArrayList<>(all);
            ByteBuffer scratch = ByteBuffer.allocate(4096);
            long deadline = System.nanoTime() + SLOWLORIS_BOUND_NANOS;
            for (int round = 0; !open.isEmpty() && System.nanoTime() - deadline < 0; round++) {
                Thread.sleep(100);
                ByteBuffer next = ByteBuffer.wrap(trickle, round % trickle.length, 1);
                for (Iterator<SocketChannel> it = open.iterator(); it.hasNext(); ) {
                    SocketChannel ch = it.next();
                    int n;
                    try {
                        scratch.clear();
                        n = ch.read(scratch);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n > 0) answered++;
                    if (n != 0) {
                        it.remove(); // closed by the server (or answered, which is counted as a failure)
                        continue;
                    }
                    try {
                        ch.write(next.duplicate());
                    } catch (IOException closed) {
                        it.remove();
                    }
                }
            }
            int stillOpen = open.size();
            assertEquals(0, stillOpen, () -> stillOpen + " of " + SLOWLORIS + " slowloris connections still open after "
                    + TimeUnit.NANOSECONDS.toSeconds(SLOWLORIS_BOUND_NANOS) + " s (header-read timeout "
                    + HEADER_READ_MILLIS + " ms)");
        } finally {
            for (SocketChannel ch : all) ch.close();
        }
        assertEquals(0, answered, "slowloris connections were answered instead of closed by the header-read timeout");
        try (RawHttpClient c = RawHttpClient.connect(server.address())) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    /** A body trickled at 10 bytes/s, below the 1,000 bytes/s minimum: after the grace, 408 and a close. */
    @Test
    void bodyTrickledBelowTheMinimumDataRateGets408AndAClose() throws Exception {
        Server server = start();
        String body = WireContract.WORK_BODY;
        try (RawHttpClient c = RawHttpClient.connect(server.address())) {
            c.send("POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            InputStream raw = c.socket().getInputStream();
            // Never the last byte: the request stays incomplete, so only the rate can end it.
            for (int i = 0; i < body.length() - 1 && raw.available() == 0; i++) {
                try {
                    c.send(body.substring(i, i + 1));
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(100);
            }
            RawResponse r = c.readResponse();
            assertError(r, 408);
            assertEquals("close", r.header("Connection"), () -> "408 without Connection: close:\n" + r);
            assertTrue(c.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS), "the connection stayed open after its 408");
        }
        try (RawHttpClient c = RawHttpClient.connect(server.address())) {
            assertPlaintext(c.exchange(WireContract.GET_PLAINTEXT));
        }
    }

    /**
     * The same over TLS: the 408 is encrypted like any response. The trickle stops after 1.5 s (three times the
     * grace), since a TLS socket cannot tell that an answer is waiting before it is read.
     */
    @Test
    void bodyTrickledOverTlsGets408AndAClose() throws Exception {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(HEADER_READ_MILLIS, 60_000).withMinRequestDataRate(MIN_RATE);
        Server server = fixture().start(ServerConfig.builder().tls(TlsSettings.selfSigned()).limits(limits).build());
        String body = WireContract.WORK_BODY;
        try (RawHttpClient c = RawHttpClient.connectTls(server.address())) {
            c.send("POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            for (int i = 0; i < 15; i++) {
                try {
                    c.send(body.substring(i, i + 1));
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(100);
            }
            RawResponse r = c.readResponse();
            assertError(r, 408);
            assertEquals("close", r.header("Connection"), () -> "408 without Connection: close:\n" + r);
            assertTrue(c.closedByServerWithin(ConnectionConformance.CLOSE_WAIT_MILLIS), "the connection stayed open after its 408");
        }
    }

    /** The other side of the rule: a body that pauses within the grace period is served as usual. */
    @Test
    void bodyPausingWithinTheGraceIsServed() throws Exception {
        Server server = start();
        String request = WireContract.POST_WORK;
        int half = request.length() - WireContract.WORK_BODY.length() / 2;
        try (RawHttpClient c = RawHttpClient.connect(server.address())) {
            c.send(request.substring(0, half));
            Thread.sleep(HEADER_READ_MILLIS / 5);
            c.send(request.substring(half));
            assertWork(c.readResponse());
        }
    }

    /** The soft limit on open files from {@code /proc/self/limits}, or {@code Long.MAX_VALUE} if unreadable. */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: let the test try
        }
        return Long.MAX_VALUE;
    }
}

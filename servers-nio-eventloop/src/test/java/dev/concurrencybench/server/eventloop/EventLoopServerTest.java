package dev.concurrencybench.server.eventloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.process.CpuWork;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventLoopServerTest {

    private static final String HELLO = "Hello, World!";

    private static EventLoopServer start(ServerConfig.Builder config) throws IOException {
        return EventLoopServer.start(config.build());
    }

    @Test
    void servesPlaintextJsonAndNotFound() throws Exception {
        try (EventLoopServer server = start(ServerConfig.builder());
             Socket s = Wire.connect(server.address())) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            Wire.send(s, Wire.get("/plaintext"));
            Wire.Response plain = Wire.read(in);
            assertEquals(200, plain.status());
            assertEquals(HELLO, plain.body());
            assertEquals("text/plain", plain.header("Content-Type"));
            Wire.send(s, Wire.get("/json"));
            assertEquals("{\"message\":\"Hello, World!\"}", Wire.read(in).body());
            Wire.send(s, Wire.get("/nope"));
            assertEquals(404, Wire.read(in).status());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhileTheFirstWaitsOnATimer() throws Exception {
        try (EventLoopServer server = start(ServerConfig.builder());
             Socket s = Wire.connect(server.address())) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            Wire.send(s, Wire.work(0, 200_000, 0, "\"a\"") + Wire.get("/plaintext") + Wire.work(1, 0, 0, "\"b\"")
                    + Wire.get("/json"));
            Wire.Response first = Wire.read(in);
            assertEquals(200, first.status());
            assertTrue(first.body().contains("\"ioMicros\":200000"), first.body());
            assertEquals(HELLO, Wire.read(in).body());
            Wire.Response third = Wire.read(in);
            assertTrue(third.body().contains("\"cpuIterations\":1"), third.body());
            assertEquals("{\"message\":\"Hello, World!\"}", Wire.read(in).body());
        }
    }

    @Test
    void manyPipelinedRequestsSurviveBackedUpOutput() throws Exception {
        int requests = 50_000;
        try (EventLoopServer server = start(ServerConfig.builder());
             Socket s = new Socket()) {
            // A small receive window makes the server's writes partial, so it must wait for OP_WRITE.
            s.setReceiveBufferSize(4096);
            s.connect(server.address());
            s.setSoTimeout(30_000);
            AtomicInteger written = new AtomicInteger();
            byte[] one = Wire.get("/plaintext").getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        s.getOutputStream().write(one);
                        written.incrementAndGet();
                    }
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            // Let the server fill its output before anything is read (until the writer finishes or stalls).
            int before = -1;
            while (!writer.isDone() && written.get() != before) {
                before = written.get();
                Thread.sleep(200);
            }
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            for (int i = 0; i < requests; i++) {
                Wire.Response r = Wire.read(in);
                assertEquals(200, r.status(), "response " + i);
                assertEquals(HELLO, r.body(), "response " + i);
            }
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsHandshakeAndKeepAlive() throws Exception {
        try (EventLoopServer server = start(ServerConfig.builder().tls(TlsSettings.selfSigned()))) {
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            InetSocketAddress a = server.address();
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(a.getAddress(), a.getPort())) {
                s.setSoTimeout(20_000);
                s.startHandshake();
                InputStream in = new BufferedInputStream(s.getInputStream());
                Wire.send(s, Wire.get("/plaintext") + Wire.get("/json"));
                assertEquals(HELLO, Wire.read(in).body());
                assertEquals("{\"message\":\"Hello, World!\"}", Wire.read(in).body());
                Wire.send(s, Wire.work(3, 1_000, 0, "{\"k\":[1,2]}"));
                Wire.Response work = Wire.read(in);
                assertEquals(200, work.status());
                assertTrue(work.body().contains(CpuWork.chainedSha256(
                        "{\"k\":[1,2]}".getBytes(StandardCharsets.UTF_8), 3)), work.body());
            }
        }
    }

    @Test
    void anIoWaitDoesNotHoldUpOtherConnections() throws Exception {
        List<String> answered = new CopyOnWriteArrayList<>();
        try (EventLoopServer server = start(ServerConfig.builder());
             Socket slow = Wire.connect(server.address());
             Socket fast = Wire.connect(server.address())) {
            Wire.send(slow, Wire.work(0, 1_000_000, 0, "null"));
            CompletableFuture<Integer> slowDone = CompletableFuture.supplyAsync(() -> {
                try {
                    int status = Wire.read(new BufferedInputStream(slow.getInputStream())).status();
                    answered.add("slow");
                    return status;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Wire.send(fast, Wire.get("/plaintext"));
            assertEquals(HELLO, Wire.read(new BufferedInputStream(fast.getInputStream())).body());
            answered.add("fast");
            assertEquals(200, slowDone.get(20, TimeUnit.SECONDS));
            assertEquals(List.of("fast", "slow"), answered);
        }
    }

    @Test
    void offloadedCpuWorkIsCorrectAndKeepsPipelinedOrder() throws Exception {
        try (EventLoopServer server = start(ServerConfig.builder().offloadCpuThreads(2));
             Socket s = Wire.connect(server.address())) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            Wire.send(s, Wire.work(20_000, 0, 0, "{\"x\":1}") + Wire.get("/plaintext")
                    + Wire.work(5, 1_000, 0, "[1]") + Wire.work(0, 0, 0, "\"z\""));
            Wire.Response first = Wire.read(in);
            assertEquals(200, first.status());
            assertTrue(first.body().contains(
                    CpuWork.chainedSha256("{\"x\":1}".getBytes(StandardCharsets.UTF_8), 20_000)), first.body());
            assertEquals(HELLO, Wire.read(in).body());
            assertTrue(Wire.read(in).body().contains(
                    CpuWork.chainedSha256("[1]".getBytes(StandardCharsets.UTF_8), 5)));
            assertTrue(Wire.read(in).body().contains(
                    CpuWork.chainedSha256("\"z\"".getBytes(StandardCharsets.UTF_8), 0)));
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("eventloop-offload-")), "CPU work ran on the pool");
        }
    }

    @Test
    void twoLoopsBothServe() throws Exception {
        try (EventLoopServer server = start(ServerConfig.builder().loops(2))) {
            for (int i = 0; i < 4; i++) {
                try (Socket s = Wire.connect(server.address())) {
                    Wire.send(s, Wire.get("/plaintext"));
                    assertEquals(HELLO, Wire.read(new BufferedInputStream(s.getInputStream())).body());
                }
            }
            assertArrayEquals(new int[] {2, 2}, server.adoptedConnectionsPerLoop());
        }
    }

    @Test
    void closeFinishesInFlightRequestsClosesIdleOnesAndFreesThePort() throws Exception {
        EventLoopServer server = start(ServerConfig.builder());
        int port = server.address().getPort();
        try (Socket busy = Wire.connect(server.address());
             Socket idle = Wire.connect(server.address())) {
            InputStream busyIn = new BufferedInputStream(busy.getInputStream());
            InputStream idleIn = new BufferedInputStream(idle.getInputStream());
            Wire.send(idle, Wire.get("/plaintext"));
            assertEquals(HELLO, Wire.read(idleIn).body());
            // The loop starts the pipelined /work right after writing the first answer, before it reads anything
            // else, so once that answer is here the /work is in flight.
            Wire.send(busy, Wire.get("/plaintext") + Wire.work(0, 500_000, 0, "1"));
            assertEquals(HELLO, Wire.read(busyIn).body());
            server.close();
            Wire.Response last = Wire.read(busyIn);
            assertEquals(200, last.status());
            assertEquals("close", last.header("Connection"));
            assertEquals(-1, busyIn.read());
            assertEquals(-1, idleIn.read());
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void idleAndHeaderReadTimeoutsClose() throws Exception {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(300, 300);
        try (EventLoopServer server = start(ServerConfig.builder().limits(limits));
             Socket idle = Wire.connect(server.address());
             Socket partial = Wire.connect(server.address())) {
            Wire.send(idle, Wire.get("/plaintext"));
            InputStream idleIn = new BufferedInputStream(idle.getInputStream());
            assertEquals(HELLO, Wire.read(idleIn).body());
            Wire.send(partial, "GET /plaintext HTTP/1.1\r\nHost: x\r\n");
            assertEquals(-1, readOrReset(idleIn));
            assertEquals(-1, readOrReset(partial.getInputStream()));
        }
    }

    @Test
    void badInputAndResetsCloseOnlyTheirConnection() throws Exception {
        try (EventLoopServer server = start(ServerConfig.builder())) {
            try (Socket bad = Wire.connect(server.address())) {
                Wire.send(bad, "BLAH\r\n\r\n");
                InputStream in = new BufferedInputStream(bad.getInputStream());
                assertEquals(400, Wire.read(in).status());
                assertEquals(-1, readOrReset(in));
            }
            for (int i = 0; i < 20; i++) {
                Socket reset = Wire.connect(server.address());
                Wire.send(reset, i % 2 == 0 ? "GET /plain" : Wire.work(0, 100_000, 0, "1"));
                reset.setSoLinger(true, 0);
                reset.close();
            }
            try (Socket s = Wire.connect(server.address())) {
                Wire.send(s, Wire.get("/plaintext"));
                assertEquals(HELLO, Wire.read(new BufferedInputStream(s.getInputStream())).body());
            }
        }
    }

    @Test
    void providerIsRegistered() {
        assertTrue(java.util.ServiceLoader.load(dev.concurrencybench.pipeline.server.ServerProvider.class).stream()
                .anyMatch(p -> p.get().id().equals("eventloop")));
    }

    /** End of stream, or a reset (the server closed with unread bytes): either way the server closed it. */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException e) {
            return -1;
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package dev.concurrencybench.server.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Behaviour of the Reactor model over real sockets: wire contract, ordering, non-blocking waits, TLS, shutdown. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReactiveServerTest {

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Server start(ServerConfig.Builder config) throws IOException {
        server = ReactiveServer.start(config.port(0).build());
        return server;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    @Test
    void foundThroughServiceLoaderAsReactive() {
        assertTrue(ServiceLoader.load(ServerProvider.class).stream()
                .anyMatch(p -> p.get().id().equals("reactive") && p.type() == ReactiveServerProvider.class));
    }

    @Test
    void plaintextAndJsonOnOneKeepAliveConnection() throws IOException {
        start(ServerConfig.builder().eventLoopThreads(2));
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            socket.getOutputStream().write(RawHttp.get("/plaintext"));
            RawHttp.Response plain = RawHttp.read(in);
            assertEquals(200, plain.status());
            assertEquals("text/plain", plain.header("Content-Type"));
            assertEquals("Hello, World!", plain.body());

            socket.getOutputStream().write(RawHttp.get("/json"));
            RawHttp.Response json = RawHttp.read(in);
            assertEquals(200, json.status());
            assertEquals("application/json", json.header("Content-Type"));
            assertEquals("{\"message\":\"Hello, World!\"}", json.body());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        start(ServerConfig.builder().eventLoopThreads(1));
        try (Socket socket = connect()) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(RawHttp.postWork(20_000)); // the slowest first: later answers must wait for it
            burst.writeBytes(RawHttp.get("/json"));
            burst.writeBytes(RawHttp.get("/nope"));
            burst.writeBytes(RawHttp.get("/plaintext"));
            socket.getOutputStream().write(burst.toByteArray());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            RawHttp.Response work = RawHttp.read(in);
            assertEquals(200, work.status());
            assertTrue(work.body().contains("\"ioMicros\":20000"), work.body());
            assertEquals("{\"message\":\"Hello, World!\"}", RawHttp.read(in).body());
            assertEquals(404, RawHttp.read(in).status());
            assertEquals("Hello, World!", RawHttp.read(in).body());
        }
    }

    @Test
    void ioWaitOnOneConnectionDoesNotBlockAnotherOnTheSameLoop() throws IOException {
        // One loop: both connections share its thread, so a blocking wait would hold /plaintext back.
        start(ServerConfig.builder().eventLoopThreads(1));
        try (Socket slow = connect(); Socket fast = connect()) {
            slow.getOutputStream().write(RawHttp.postWork(3_000_000));
            fast.getOutputStream().write(RawHttp.get("/plaintext"));
            assertEquals("Hello, World!", RawHttp.read(new BufferedInputStream(fast.getInputStream())).body());
            assertEquals(0, slow.getInputStream().available(), "the 3 s I/O wait ended before /plaintext was answered");
            RawHttp.Response work = RawHttp.read(new BufferedInputStream(slow.getInputStream()));
            assertEquals(200, work.status());
        }
    }

    @Test
    void largePipelinedBurstIsAnsweredCompletelyAndInOrder() throws Exception {
        start(ServerConfig.builder().eventLoopThreads(1));
        int requests = 20_000;
        try (Socket socket = connect()) {
            // Writing while reading: the server must not read more than it answers, so the writer is throttled by
            // TCP once our unread responses fill the socket buffers — everything still arrives.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < requests; i++) out.write(RawHttp.get(i % 2 == 0 ? "/plaintext" : "/json"));
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = 0; i < requests; i++) {
                RawHttp.Response r = RawHttp.read(in);
                assertEquals(200, r.status());
                assertEquals(i % 2 == 0 ? "Hello, World!" : "{\"message\":\"Hello, World!\"}", r.body(), "response " + i);
            }
            writer.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void inboundBytesWaitInTheKernelWhileARequestIsInFlight() throws Exception {
        start(ServerConfig.builder().eventLoopThreads(1));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(RawHttp.postWork(1_000_000));
            // 64 MiB behind the slow request: far more than the kernel's socket buffers can hold, so the writer can
            // only finish if the server reads ahead into memory while the request waits.
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                byte[] junk = new byte[64 * 1024];
                java.util.Arrays.fill(junk, (byte) 'X');
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < 1024; i++) out.write(junk);
                } catch (IOException e) {
                    // expected: the server rejects the junk (414) and closes once the slow request is answered
                }
            });
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertEquals(200, RawHttp.read(in).status());
            assertTrue(!flood.isDone(), "64 MiB were accepted while a request was in flight: unbounded buffering");
            assertEquals(414, RawHttp.read(in).status());
            flood.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        start(ServerConfig.builder());
        try (Socket socket = connect()) {
            socket.getOutputStream().write(
                    "GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            RawHttp.Response r = RawHttp.read(in);
            assertEquals(200, r.status());
            assertEquals(-1, in.read(), "server closes after Connection: close");
        }
    }

    @Test
    void requestsBeforeAHalfCloseAreStillAnswered() throws IOException {
        start(ServerConfig.builder());
        try (Socket socket = connect()) {
            ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.writeBytes(RawHttp.postWork(100_000));
            two.writeBytes(RawHttp.get("/plaintext"));
            socket.getOutputStream().write(two.toByteArray());
            socket.shutdownOutput();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertEquals(200, RawHttp.read(in).status());
            assertEquals("Hello, World!", RawHttp.read(in).body());
            assertEquals(-1, in.read(), "closed once the buffered requests are answered");
        }
    }

    @Test
    void malformedRequestGetsItsErrorAndTheConnectionCloses() throws IOException {
        start(ServerConfig.builder());
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertEquals(400, RawHttp.read(in).status());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        start(ServerConfig.builder().limits(HttpLimits.defaults().withTimeouts(10_000, 200)));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(RawHttp.get("/plaintext"));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertEquals(200, RawHttp.read(in).status());
            assertEquals(-1, in.read(), "idle keep-alive connection closed by the server");
        }
    }

    @Test
    void requestTricklingPastTheHeaderReadTimeoutIsClosed() throws IOException {
        start(ServerConfig.builder().limits(HttpLimits.defaults().withTimeouts(200, 60_000)));
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read(), "half a request held past the header-read timeout");
        }
    }

    @Test
    void tlsHandshakeAndKeepAliveRequests() throws Exception {
        start(ServerConfig.builder().tls(TlsSettings.selfSigned()));
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory()
                .createSocket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.writeBytes(RawHttp.get("/plaintext"));
            two.writeBytes(RawHttp.postWork(1_000));
            socket.getOutputStream().write(two.toByteArray());
            assertEquals("Hello, World!", RawHttp.read(in).body());
            assertEquals(200, RawHttp.read(in).status());
            socket.getOutputStream().write(RawHttp.get("/json"));
            assertEquals("{\"message\":\"Hello, World!\"}", RawHttp.read(in).body());
        }
    }

    @Test
    void plaintextOnTheTlsPortIsClosedWithoutAnAnswer() throws IOException {
        start(ServerConfig.builder().tls(TlsSettings.selfSigned()));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(RawHttp.get("/plaintext"));
            byte[] rest = socket.getInputStream().readAllBytes();
            assertTrue(rest.length == 0 || rest[0] == 0x15, "nothing, or a TLS alert record");
        }
    }

    @Test
    void closeLetsTheRequestInFlightFinishThenFreesThePort() throws Exception {
        start(ServerConfig.builder().eventLoopThreads(1).shutdownGraceMillis(10_000));
        InetSocketAddress address = server.address();
        try (Socket busy = connect(); Socket idle = connect()) {
            idle.getOutputStream().write(RawHttp.get("/plaintext"));
            InputStream idleIn = new BufferedInputStream(idle.getInputStream());
            assertEquals(200, RawHttp.read(idleIn).status());
            busy.getOutputStream().write(RawHttp.postWork(500_000));
            // Let the request reach the server before shutdown starts; its answer is still 0.5 s away.
            assertEquals(200, roundTripOnNewConnection().status());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            assertEquals(-1, idleIn.read(), "idle connection closed at shutdown");
            InputStream busyIn = new BufferedInputStream(busy.getInputStream());
            assertEquals(200, RawHttp.read(busyIn).status(), "in-flight request answered during the grace period");
            assertEquals(-1, busyIn.read(), "then closed");
            closing.get(20, TimeUnit.SECONDS);
        }
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            rebind.bind(address);
        }
    }

    private RawHttp.Response roundTripOnNewConnection() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(RawHttp.get("/plaintext"));
            return RawHttp.read(new BufferedInputStream(socket.getInputStream()));
        }
    }
}

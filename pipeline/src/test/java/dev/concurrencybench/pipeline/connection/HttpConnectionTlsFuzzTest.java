package dev.concurrencybench.pipeline.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.NettyRequestOracle;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of an {@link HttpConnection} over TLS at the record layer. Every input starts with a real
 * handshake against an in-memory JDK client engine ({@link TlsClient}); then the fuzzer chooses what the server
 * receives:
 * <ul>
 *   <li>mode 0: fuzzed plaintext, encrypted by the client into valid records: the TLS path must serve exactly the
 *       requests the plaintext path serves from the same bytes (a differential between the two paths);</li>
 *   <li>mode 1: a valid request's records with fuzzer-chosen bytes flipped: a record that fails authentication
 *       must close the connection without serving anything from it (or, when the flip lengthened the record,
 *       leave the connection waiting mid-request, under the header-read timeout);</li>
 *   <li>mode 2: raw fuzzed bytes as if they were records.</li>
 * </ul>
 * Bytes arrive in reads of fuzzer-chosen sizes. Invariants: no exception escapes, the per-input time limit holds,
 * and the inbound buffers stay within two TLS records.
 */
class HttpConnectionTlsFuzzTest {

    private static final Pipeline TLS = pipeline(true);
    private static final Pipeline PLAIN = pipeline(false);
    private static final byte[] REQUEST = Wire.bytes("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");

    private static Pipeline pipeline(boolean tls) {
        try {
            ServerConfig.Builder b = ServerConfig.builder().limits(HttpConnectionFuzzTest.LIMITS);
            if (tls) b.tls(new TlsSettings(true, "TLSv1.3", null, null));
            return Pipeline.create(b.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void recordLayer(FuzzedDataProvider data) throws IOException {
        int mode = data.consumeInt(0, 2);
        int readSize = data.consumeInt(1, 20_000);
        HttpConnection conn = TLS.newConnection();
        TlsClient client = new TlsClient(null);
        handshake(conn, client);

        byte[] toServer;
        byte[] plaintext = null;
        boolean tampered = false;
        switch (mode) {
            case 0 -> {
                plaintext = data.consumeRemainingAsBytes();
                toServer = plaintext.length == 0 ? new byte[0] : client.wrap(plaintext);
            }
            case 1 -> {
                toServer = client.wrap(REQUEST);
                int flips = data.consumeInt(1, 4);
                for (int i = 0; i < flips; i++) {
                    int at = data.consumeInt(0, toServer.length - 1);
                    byte mask = data.consumeByte();
                    tampered |= mask != 0;
                    toServer[at] ^= mask;
                }
            }
            default -> toServer = data.consumeRemainingAsBytes();
        }

        List<HttpRequest> served = new ArrayList<>();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        int limit = 2 * Math.max(client.engine().getSession().getPacketBufferSize(),
                client.engine().getSession().getApplicationBufferSize());
        int at = 0;
        while (at < toServer.length && !conn.closing()) {
            ByteBuffer in = conn.inbound();
            int n = Math.min(Math.min(readSize, in.remaining()), toServer.length - at);
            in.put(toServer, at, n);
            at += n;
            served.addAll(FuzzServing.serve(TLS, conn));
            written.writeBytes(Wire.drain(conn));
            assertTrue(conn.inbound().capacity() <= limit, () -> "inbound buffer grew to " + conn.inbound().capacity());
        }
        if (conn.closing()) assertFalse(conn.hasOutput(), "everything was drained");

        if (mode == 0) {
            assertEquals(framed(servePlain(plaintext)), framed(served), "TLS and plaintext paths serve differently");
            try {
                byte[] decrypted = client.unwrap(written.toByteArray());
                FuzzServing.checkResponses(decrypted, served, conn.closing() && !closedByRequest(served));
            } catch (SSLException e) {
                throw new AssertionError("the server's records do not decrypt", e);
            }
        } else if (mode == 1 && tampered) {
            assertTrue(served.isEmpty() || served.size() == 1, "at most the one request sent");
            // A flipped length field may make the record look longer than what came: the server then rightly waits
            // for the rest (midRequest, so the header-read timeout bounds the wait). Anything else must close.
            if (served.isEmpty()) {
                assertTrue(conn.closing() || conn.midRequest(),
                        "a record that fails authentication closes the connection");
            }
        }
    }

    private static List<HttpRequest> servePlain(byte[] wire) throws IOException {
        HttpConnection conn = PLAIN.newConnection();
        List<HttpRequest> served = new ArrayList<>();
        int at = 0;
        while (at < wire.length && !conn.closing()) {
            ByteBuffer in = conn.inbound();
            int n = Math.min(in.remaining(), wire.length - at);
            in.put(wire, at, n);
            at += n;
            served.addAll(FuzzServing.serve(PLAIN, conn));
            Wire.drain(conn);
        }
        return served;
    }

    private static List<NettyRequestOracle.Framed> framed(List<HttpRequest> requests) {
        return requests.stream().map(NettyRequestOracle.Framed::of).toList();
    }

    private static boolean closedByRequest(List<HttpRequest> served) {
        return !served.isEmpty() && !served.getLast().keepAlive();
    }

    private static void handshake(HttpConnection conn, TlsClient client) throws IOException {
        byte[] toServer = client.flight();
        for (int round = 0; round < 10 && !client.handshakeDone(); round++) {
            Wire.feed(conn, toServer);
            conn.nextRequest();
            byte[] toClient = Wire.drain(conn);
            client.unwrap(toClient);
            toServer = client.flight();
        }
        if (toServer.length > 0) {
            Wire.feed(conn, toServer);
            conn.nextRequest();
            client.unwrap(Wire.drain(conn));
        }
        assertTrue(client.handshakeDone(), "handshake completes");
    }
}

package dev.concurrencybench.testkit;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import dev.concurrencybench.pipeline.tls.TlsSession;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A server {@link TlsSession} (the pipeline's, on a self-signed TLS 1.3 context exactly as the servers build it) and a
 * client-mode JDK {@link SSLEngine} that trusts it ({@link RawHttpClient#trustAll()}), handshaken with each other in
 * memory: no socket, so a TLS benchmark times the cipher work and the engine's bookkeeping and nothing else, and a
 * test can feed the server records it made itself. Unlike {@link RawHttpClient}, this is a fixture around the
 * pipeline's own TLS code, not an oracle independent of it.
 *
 * <p>Threading: not thread-safe; one instance per thread (in JMH, {@code Scope.Thread} state).
 */
public final class InMemoryTlsPeer {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TlsSession server;
    private final SSLEngine client;

    private InMemoryTlsPeer(TlsSession server, SSLEngine client) {
        this.server = server;
        this.client = client;
    }

    /** Creates both ends and runs the full TLS 1.3 handshake between them. */
    public static InMemoryTlsPeer handshaken() throws IOException {
        TlsContexts contexts = TlsContexts.create(TlsSettings.selfSigned());
        TlsSession server = new TlsSession(contexts.newEngine());
        SSLEngine client = RawHttpClient.trustAll().createSSLEngine();
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.3"});
        client.beginHandshake();
        InMemoryTlsPeer peer = new InMemoryTlsPeer(server, client);
        peer.pumpHandshake();
        return peer;
    }

    private void pumpHandshake() throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        // Bounded: a TLS 1.3 handshake takes two round trips (plus tickets); 50 rounds without finishing is a bug.
        for (int round = 0; round < 50; round++) {
            while (client.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                client.wrap(EMPTY, toServer);
                runTasks(client);
            }
            toServer.flip();
            while (toServer.hasRemaining()) {
                app.clear();
                if (server.unwrap(toServer, app) != TlsSession.Step.OK) break;
            }
            toServer.compact();
            while (server.wantsWrap()) {
                if (server.wrap(EMPTY, toClient) != TlsSession.Step.OK) break;
            }
            toClient.flip();
            while (toClient.hasRemaining()) {
                app.clear();
                SSLEngineResult r = client.unwrap(toClient, app);
                runTasks(client);
                if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) break;
            }
            toClient.compact();
            if (server.handshakeComplete() && client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && toServer.position() == 0 && toClient.position() == 0 && !server.wantsWrap()) {
                return;
            }
        }
        throw new IllegalStateException("the in-memory TLS handshake did not complete");
    }

    /** The server end: the pipeline's session, handshake complete. */
    public TlsSession server() {
        return server;
    }

    /** The client end: a JDK engine in client mode, handshake complete. */
    public SSLEngine client() {
        return client;
    }

    /**
     * The client's record(s) carrying {@code plaintext} (read mode), as the server would read them off a socket.
     *
     * @param into cleared, filled and returned in read mode
     */
    public ByteBuffer clientRecord(ByteBuffer plaintext, ByteBuffer into) throws SSLException {
        into.clear();
        while (plaintext.hasRemaining()) {
            SSLEngineResult r = client.wrap(plaintext, into);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("client wrap failed: " + r);
            }
        }
        return into.flip();
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) task.run();
    }
}

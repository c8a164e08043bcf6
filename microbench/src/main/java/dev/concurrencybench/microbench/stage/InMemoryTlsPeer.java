package dev.concurrencybench.microbench.stage;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import dev.concurrencybench.pipeline.tls.TlsSession;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A server {@link TlsSession} (the pipeline's, on a self-signed TLS 1.3 context exactly as the servers build it) and a
 * client-mode JDK {@link SSLEngine} that trusts it, handshaken with each other in memory: no socket, so a TLS
 * benchmark times the cipher work and the engine's bookkeeping and nothing else.
 *
 * <p>Threading: not thread-safe; one instance per JMH thread ({@code Scope.Thread} state).
 */
final class InMemoryTlsPeer {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final TlsSession server;
    final SSLEngine client;

    private InMemoryTlsPeer(TlsSession server, SSLEngine client) {
        this.server = server;
        this.client = client;
    }

    /** Creates both ends and runs the full TLS 1.3 handshake between them. */
    static InMemoryTlsPeer handshaken() throws IOException {
        TlsContexts contexts = TlsContexts.create(TlsSettings.selfSigned());
        TlsSession server = new TlsSession(contexts.newEngine());
        SSLEngine client = trustAll().createSSLEngine();
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

    /** The client's record(s) carrying {@code plaintext} (read mode), as the server would read them off a socket. */
    ByteBuffer clientRecord(ByteBuffer plaintext, ByteBuffer into) throws SSLException {
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

    private static SSLContext trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.concurrencybench.pipeline.connection;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
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
 * A TLS client in memory: a client-mode JDK {@link SSLEngine} that trusts any certificate (the server's is
 * self-signed), turning plaintext into records and records back into plaintext. Bytes move as arrays; nothing here
 * touches a socket.
 */
final class TlsClient {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final SSLContext TRUST_ALL = trustAll();

    private final SSLEngine engine;
    private ByteBuffer pending = ByteBuffer.allocate(0); // read mode: received ciphertext not yet unwrapped
    private final ByteArrayOutputStream outgoing = new ByteArrayOutputStream(); // records wrapped mid-unwrap

    /** @param protocol the one version to offer, or null for the JDK's defaults (1.3 and 1.2) */
    TlsClient(String protocol) throws SSLException {
        // No peer host/port: the JDK then neither caches nor resumes sessions, so every handshake is a full one.
        engine = TRUST_ALL.createSSLEngine();
        engine.setUseClientMode(true);
        if (protocol != null) engine.setEnabledProtocols(new String[] {protocol});
        engine.beginHandshake();
    }

    SSLEngine engine() {
        return engine;
    }

    boolean handshakeDone() {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && !engine.getSession().getProtocol().equals("NONE");
    }

    /**
     * The client's next flight: every handshake (or close) record it wants to send before it needs the server
     * again; empty when it waits for the server.
     */
    byte[] flight() throws SSLException {
        wrapWanted();
        byte[] flight = outgoing.toByteArray();
        outgoing.reset();
        return flight;
    }

    private void wrapWanted() throws SSLException {
        ByteArrayOutputStream out = outgoing;
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult r = engine.wrap(EMPTY, net);
            runTasks();
            out.write(net.array(), 0, net.position());
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) break;
        }
    }

    /** Application bytes as records (several when over 16 KiB). */
    byte[] wrap(byte[] app) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(app);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (src.hasRemaining()) {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult r = engine.wrap(src, net);
            assertNotEquals(SSLEngineResult.Status.CLOSED, r.getStatus(), "client engine closed");
            out.write(net.array(), 0, net.position());
        }
        return out.toByteArray();
    }

    /** Unwraps every complete record of {@code net} (plus what was left over), returning the plaintext. */
    byte[] unwrap(byte[] net) throws SSLException {
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + net.length);
        joined.put(pending).put(net).flip();
        pending = joined;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pending.hasRemaining()) {
            ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            SSLEngineResult r = engine.unwrap(pending, app);
            runTasks();
            out.write(app.array(), 0, app.position());
            if (r.getStatus() != SSLEngineResult.Status.OK) break;
            // TLS 1.3 in compatibility mode wants to send change_cipher_spec half-way through the server's flight:
            // queue it with the rest of the client's flight so a flight is everything sent between two receives.
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) wrapWanted();
            else if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) break;
        }
        return out.toByteArray();
    }

    boolean inboundDone() {
        return engine.isInboundDone();
    }

    private void runTasks() {
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

package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS over a non-blocking {@link SocketChannel} with the JDK's {@link SSLEngine}: the handshake step by step,
 * then {@link #read} (socket → decrypted bytes) and {@link #write} (plaintext → socket). Delegated tasks run
 * inline: the driver has one thread per connection set and nothing else to do meanwhile. Single-threaded.
 */
final class TlsSession {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private boolean handshakeDone;
    private boolean inboundClosed;

    TlsSession(SSLContext context, String host, int port) {
        engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocateDirect(Math.max(packet, 32 * 1024));
        netOut = ByteBuffer.allocateDirect(Math.max(packet, 32 * 1024));
        netOut.flip(); // empty, in read mode
    }

    /** Starts the handshake (the engine reports NOT_HANDSHAKING until asked to begin). */
    void begin() throws SSLException {
        engine.beginHandshake();
    }

    /** The client context of every run: servers under test use self-signed certificates; trust is not measured. */
    static SSLContext trustAllContext() throws GeneralSecurityException {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new TrustAll()}, null);
        return c;
    }

    /** Application bytes one unwrap may produce; the caller's plaintext buffer must be at least this big. */
    int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Encrypted bytes still waiting for the socket. */
    boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    /**
     * Advances the handshake as far as the socket allows.
     *
     * @param appIn where application data arriving with the last handshake message goes
     * @return true when the handshake is complete
     * @throws IOException when the socket closed or the handshake failed
     */
    boolean handshake(SocketChannel ch, ByteBuffer appIn) throws IOException {
        if (handshakeDone) {
            return true;
        }
        if (!flush(ch)) {
            return false;
        }
        for (;;) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> {
                    if (!wrap(EMPTY) && !netOut.hasRemaining()) {
                        throw new SSLException("TLS handshake wrap made no progress");
                    }
                    if (!flush(ch)) {
                        return false;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrapOnce(appIn);
                    if (r == null || r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        int n = ch.read(netIn);
                        if (n < 0) {
                            throw new IOException("connection closed during the TLS handshake");
                        }
                        if (n == 0) {
                            return false;
                        }
                    } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("TLS closed during the handshake");
                    } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        throw new SSLException("no room for application data during the handshake");
                    }
                }
                case NEED_TASK -> runTasks();
                case FINISHED, NOT_HANDSHAKING -> {
                    handshakeDone = true;
                    return true;
                }
                default -> throw new SSLException("unexpected handshake status " + hs);
            }
        }
    }

    /**
     * Reads what the socket has and decrypts it into {@code appIn} (write mode) while there is room.
     *
     * @return bytes read from the socket, or -1 at the end of the stream (TCP FIN or TLS close_notify)
     */
    int read(SocketChannel ch, ByteBuffer appIn) throws IOException {
        int n = ch.read(netIn);
        unwrapAll(appIn);
        if (inboundClosed) {
            return -1;
        }
        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            wrap(EMPTY); // a post-handshake message (key update) wants an answer
            flush(ch);
        }
        return n;
    }

    /** Decrypts whatever is buffered; true when something was produced. */
    boolean unwrapAll(ByteBuffer appIn) throws IOException {
        boolean produced = false;
        for (;;) {
            SSLEngineResult r = unwrapOnce(appIn);
            if (r == null) {
                return produced;
            }
            produced |= r.bytesProduced() > 0;
            switch (r.getStatus()) {
                case OK -> {
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        return produced;
                    }
                }
                case CLOSED -> {
                    inboundClosed = true;
                    return produced;
                }
                case BUFFER_UNDERFLOW, BUFFER_OVERFLOW -> {
                    return produced; // need more bytes, or the caller must consume plaintext first
                }
                default -> throw new SSLException("unexpected status " + r.getStatus());
            }
        }
    }

    /** True when decrypted data remains to be taken (the plaintext buffer was full). */
    boolean hasBufferedInput() {
        return netIn.position() > 0;
    }

    /**
     * Encrypts {@code plain} (read mode) and writes as much as the socket takes.
     *
     * @return true when everything, plaintext and ciphertext, has been written
     */
    boolean write(SocketChannel ch, ByteBuffer plain) throws IOException {
        for (;;) {
            if (!flush(ch)) {
                return false;
            }
            if (!plain.hasRemaining()) {
                return true;
            }
            if (!wrap(plain)) {
                // nothing produced: the engine wants to read first (a renegotiation the driver does not do)
                throw new SSLException("TLS wrap made no progress, handshake status " + engine.getHandshakeStatus());
            }
        }
    }

    /** One wrap of {@code src} into netOut; false when it neither consumed nor produced anything. */
    private boolean wrap(ByteBuffer src) throws SSLException {
        netOut.compact();
        try {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS engine closed");
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
        } finally {
            netOut.flip();
        }
    }

    /** One unwrap of netIn into appIn; null when netIn is empty. */
    private SSLEngineResult unwrapOnce(ByteBuffer appIn) throws SSLException {
        if (netIn.position() == 0) {
            return null;
        }
        netIn.flip();
        try {
            return engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
    }

    private boolean flush(SocketChannel ch) throws IOException {
        while (netOut.hasRemaining()) {
            if (ch.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Sends close_notify if the socket takes it at once; never waits. */
    void closeQuietly(SocketChannel ch) {
        try {
            engine.closeOutbound();
            wrap(EMPTY);
            flush(ch);
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    /** Trusts every certificate: the servers under test make theirs up at start-up. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }
    }
}

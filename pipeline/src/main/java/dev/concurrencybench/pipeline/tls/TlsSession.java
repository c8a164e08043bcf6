package dev.concurrencybench.pipeline.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The decrypt stage: one connection's JDK {@link SSLEngine}, driven without blocking so the same code serves
 * threads, the selector loop and Netty alike. The handshake is not a separate phase: {@link #unwrap} and {@link #wrap}
 * advance it, run delegated tasks inline (on the calling thread: that CPU is the model's to pay for) and report when
 * handshake bytes wait to be sent ({@link #wantsWrap()}).
 *
 * <p>Threading: not thread-safe; confined to the connection's current thread, like the engine itself should be.
 */
public final class TlsSession {

    /** What the caller does next. */
    public enum Step {
        /** progress made; call again if there is more to do. */
        OK,
        /** the input holds no complete TLS record: read more bytes. */
        NEED_INPUT,
        /** the destination is too small: drain or grow it, then call again. */
        NEED_ROOM,
        /** the peer closed the TLS session (close_notify). */
        CLOSED
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private boolean handshakeComplete;

    public TlsSession(SSLEngine engine) throws SSLException {
        this.engine = engine;
        engine.beginHandshake();
    }

    /**
     * Decrypts records from {@code netIn} (read mode) into {@code appIn} (write mode).
     *
     * @throws SSLException on anything that is not TLS (for example plaintext HTTP sent to the TLS port) or a failed
     *                      handshake; the connection must then be closed
     */
    public Step unwrap(ByteBuffer netIn, ByteBuffer appIn) throws SSLException {
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        afterOperation(r);
        return switch (r.getStatus()) {
            case OK -> Step.OK;
            case BUFFER_UNDERFLOW -> Step.NEED_INPUT;
            case BUFFER_OVERFLOW -> Step.NEED_ROOM;
            case CLOSED -> Step.CLOSED;
        };
    }

    /**
     * Encrypts {@code app} (read mode; pass an empty buffer to emit handshake or close messages) into {@code netOut}
     * (write mode).
     */
    public Step wrap(ByteBuffer app, ByteBuffer netOut) throws SSLException {
        SSLEngineResult r = engine.wrap(app == null ? EMPTY : app, netOut);
        afterOperation(r);
        return switch (r.getStatus()) {
            case OK -> Step.OK;
            case BUFFER_UNDERFLOW -> Step.NEED_INPUT;
            case BUFFER_OVERFLOW -> Step.NEED_ROOM;
            case CLOSED -> Step.CLOSED;
        };
    }

    /** True while the engine has handshake (or close) bytes to send: call {@link #wrap} with an empty source. */
    public boolean wantsWrap() {
        return engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    public boolean handshakeComplete() {
        return handshakeComplete;
    }

    /** Starts an orderly close: the next {@link #wrap} calls emit close_notify. */
    public void closeOutbound() {
        engine.closeOutbound();
    }

    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    /** The largest TLS record, in bytes: the minimum room for {@link #wrap} output and {@link #unwrap} input. */
    public int packetBufferSize() {
        return engine.getSession().getPacketBufferSize();
    }

    /** The largest plaintext a record can carry, in bytes: the minimum room for {@link #unwrap} output. */
    public int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    private void afterOperation(SSLEngineResult r) {
        HandshakeStatus hs = r.getHandshakeStatus();
        while (hs == HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) task.run();
            hs = engine.getHandshakeStatus();
        }
        if (hs == HandshakeStatus.FINISHED) handshakeComplete = true;
    }
}

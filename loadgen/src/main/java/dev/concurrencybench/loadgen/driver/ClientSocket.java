package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLException;

/**
 * The socket under one {@link Connection}: a non-blocking {@link SocketChannel} with {@code TCP_NODELAY}, registered
 * with its loop's selector, plain or through a {@link TlsSession}. It connects, handshakes, moves bytes and closes;
 * it knows nothing of HTTP. The same instance is opened again after each close.
 *
 * <p>Single-threaded: used by its connection's loop only.
 */
final class ClientSocket {

    private SocketChannel channel;
    private SelectionKey key;
    private TlsSession tls;

    /**
     * Opens a socket and starts a non-blocking connect, registered for {@code attachment}.
     *
     * @param session the TLS session to speak through, or null for plain TCP
     * @return true when the connect finished at once (then the key waits for reads), false when it is in progress
     *         (then the key waits for {@code OP_CONNECT})
     */
    boolean open(Selector selector, InetSocketAddress address, TlsSession session, Object attachment)
            throws IOException {
        tls = session;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (channel.connect(address)) {
            key = channel.register(selector, SelectionKey.OP_READ, attachment);
            return true;
        }
        key = channel.register(selector, SelectionKey.OP_CONNECT, attachment);
        return false;
    }

    /** Finishes a connect in progress; true when connected (the key then waits for reads). */
    boolean finishConnect() throws IOException {
        if (channel.finishConnect()) {
            key.interestOps(SelectionKey.OP_READ);
            return true;
        }
        return false;
    }

    boolean isTls() {
        return tls != null;
    }

    /** Starts the TLS handshake (only when {@link #isTls()}). */
    void beginTls() throws SSLException {
        tls.begin();
    }

    /**
     * One step of the TLS handshake; true when it is done (application data that came with the last flight is
     * then in {@code appIn}). When it is not, the key waits for what the handshake needs next.
     */
    boolean handshake(ByteBuffer appIn) throws IOException {
        if (tls.handshake(channel, appIn)) {
            return true;
        }
        key.interestOps(tls.hasPendingOutput() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        return false;
    }

    /** The selector operations to wait for ({@code SelectionKey.OP_*}). */
    void interest(int ops) {
        key.interestOps(ops);
    }

    /**
     * Writes what the socket takes of {@code out} (read mode; encrypted first with TLS).
     *
     * @return true when everything was written
     */
    boolean write(ByteBuffer out) throws IOException {
        if (tls == null) {
            while (out.hasRemaining() && channel.write(out) > 0) {
                // keep writing while the socket takes bytes
            }
            return !out.hasRemaining();
        }
        return tls.write(channel, out);
    }

    /** Reads what arrived into {@code in} (write mode; decrypted with TLS); -1 at the end of the stream. */
    int read(ByteBuffer in) throws IOException {
        return tls == null ? channel.read(in) : tls.read(channel, in);
    }

    /** True when TLS holds received records not yet decrypted (they did not fit the last read's buffer). */
    boolean hasBufferedInput() {
        return tls != null && tls.hasBufferedInput();
    }

    /** Decrypts buffered records into {@code appIn}; true when that produced application bytes. */
    boolean unwrapBuffered(ByteBuffer appIn) throws IOException {
        return tls.unwrapAll(appIn);
    }

    /** Closes the socket (a TLS close_notify first, when connected); safe to call when closed. */
    void close() {
        if (tls != null && channel != null && channel.isConnected()) {
            tls.closeQuietly(channel);
        }
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            channel = null;
        }
    }
}

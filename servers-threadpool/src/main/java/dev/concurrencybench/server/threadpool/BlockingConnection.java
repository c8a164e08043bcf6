package dev.concurrencybench.server.threadpool;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves one connection to the end with blocking socket I/O on the calling thread: read, hand bytes to the shared
 * {@link HttpConnection}, process each request with {@link WaitStrategy#BLOCKING}, write. The same code runs on a
 * pooled platform thread ({@link ThreadPoolServer}) and on a virtual thread (servers-virtualthreads), so those two
 * models differ only in the thread underneath.
 *
 * <p>Timeouts: between requests the socket read times out after the idle timeout; once a request (or TLS handshake)
 * has begun, the whole header section must arrive within the header-read timeout, counted from its first byte, so a
 * client trickling one byte at a time cannot hold the thread forever. A body is read with the socket timeout set to
 * the sooner of the idle timeout and the moment it would fall below the minimum request data rate
 * ({@link HttpConnection#minDataRateDeadline()}, recomputed after every read); when the latter fires the request is
 * answered {@code 408} and the connection closed.
 *
 * <p>Threading: one instance per connection, run by exactly one thread; {@link #closeIfIdle()} may be called from
 * the shutdown thread.
 */
final class BlockingConnection implements Runnable {

    private final Socket socket;
    private final Pipeline pipeline;
    private final StageRecorders stages;
    private final AtomicBoolean shuttingDown;
    private final long queuedAtNanos;
    private final Runnable onClose;
    /** True while the thread waits in read: the only state in which shutdown may close the socket under it. */
    private volatile boolean idleInRead;

    BlockingConnection(Socket socket, Pipeline pipeline, AtomicBoolean shuttingDown, long queuedAtNanos,
                       Runnable onClose) {
        this.socket = socket;
        this.pipeline = pipeline;
        this.stages = pipeline.stages();
        this.shuttingDown = shuttingDown;
        this.queuedAtNanos = queuedAtNanos;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        stages.recordSince(Stage.QUEUE, queuedAtNanos);
        try (socket) {
            serve(pipeline.newConnection(), socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            // Reset, timeout, broken pipe or shutdown: the peer or the server ended the connection. Nothing to answer.
        } catch (RuntimeException e) {
            // A bug in a stage must cost this connection only, never the thread or the server: one line, no trace.
            System.err.println("closing a connection after an internal error: " + e);
        } finally {
            onClose.run();
        }
    }

    /** Closes the socket if its thread is waiting for the next bytes (shutdown); in-flight requests finish first. */
    void closeIfIdle() {
        if (idleInRead) closeQuietly();
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void serve(HttpConnection conn, InputStream in, OutputStream out) throws IOException {
        long requestDeadline = 0;
        while (true) {
            HttpRequest request;
            while ((request = conn.nextRequest()) != null) {
                HttpResponse[] response = new HttpResponse[1];
                // BLOCKING completes on this thread before process() returns.
                pipeline.processor().process(request, WaitStrategy.BLOCKING, r -> response[0] = r);
                long writeStart = stages.now();
                // During shutdown the last response says so (RFC 9112 §9.6) and the connection closes after it.
                conn.respond(request, shuttingDown.get() ? response[0].closing() : response[0]);
                flush(conn, out);
                conn.recordWritten(writeStart);
                requestDeadline = 0;
            }
            flush(conn, out);
            if (conn.closing()) return;
            if (conn.readingBody()) {
                long now = System.nanoTime();
                long idle = pipeline.config().limits().idleTimeoutMillis();
                long rateDeadline = conn.minDataRateDeadline();
                // Rounded up: a read that times out must find the deadline passed, or no 408 would be sent.
                long millis = rateDeadline == 0 ? idle : Math.min(idle, (rateDeadline - now + 999_999) / 1_000_000);
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
            } else if (conn.midRequest()) {
                long now = System.nanoTime();
                if (requestDeadline == 0) {
                    requestDeadline = now + pipeline.config().limits().headerReadTimeoutMillis() * 1_000_000;
                }
                socket.setSoTimeout((int) Math.max(1, (requestDeadline - now) / 1_000_000));
            } else {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, pipeline.config().limits().idleTimeoutMillis()));
            }
            if (!read(conn, in)) {
                conn.endOfInput();
            }
        }
    }

    /** One blocking read into the connection's buffer; false at end of stream. */
    private boolean read(HttpConnection conn, InputStream in) throws IOException {
        ByteBuffer buf = conn.inbound();
        // READ is timed only when bytes are already waiting: a blocking read otherwise measures the client's think
        // time, not the cost of moving bytes.
        long start = stages.isEnabled() && in.available() > 0 ? System.nanoTime() : 0;
        int n;
        idleInRead = true;
        try {
            if (shuttingDown.get()) return false;
            n = in.read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        } catch (SocketTimeoutException e) {
            // Below the minimum data rate: a 408 is queued and written before the close; any other timeout just closes.
            if (!conn.enforceMinDataRate(System.nanoTime())) conn.abort();
            return true;
        } finally {
            idleInRead = false;
        }
        if (n < 0) return false;
        buf.position(buf.position() + n);
        if (start != 0) stages.recordSince(Stage.READ, start);
        return true;
    }

    private static void flush(HttpConnection conn, OutputStream out) throws IOException {
        ByteBuffer pending = conn.output();
        if (!pending.hasRemaining()) return;
        out.write(pending.array(), pending.arrayOffset() + pending.position(), pending.remaining());
        pending.position(pending.limit());
    }
}

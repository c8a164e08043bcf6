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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Serves one connection to the end with blocking socket I/O on the calling thread: read, hand bytes to the shared
 * {@link HttpConnection}, process each request with {@link WaitStrategy#BLOCKING}, write. The same code runs on a
 * pooled platform thread ({@link ThreadPoolServer}) and on a virtual thread (servers-virtualthreads), so those two
 * models differ only in the thread underneath.
 *
 * <p>Timeouts: between requests a read may wait up to the idle timeout; once a request (or TLS handshake) has
 * begun, the whole header section must arrive within the header-read timeout, counted from its first byte, so a
 * client trickling one byte at a time cannot hold the thread forever. The reads themselves are <em>untimed</em>:
 * before each read the connection publishes its deadline, and the server's deadline sweeper
 * ({@link BlockingServer}) closes the socket of a connection whose read is past it — Jetty's and Helidon's way.
 * A timed read ({@code setSoTimeout}) would be far dearer on the JDK's NIO-based socket: on a platform thread it
 * switches the socket to non-blocking mode for good and every read becomes read, poll, read (three system calls
 * instead of one); on a virtual thread every park schedules and cancels a timer task in the JDK's delayed-task
 * scheduler, whose thread is woken each time the earliest timer is cancelled. A body's read waits until the sooner
 * of the idle timeout and the moment the body would fall below the minimum request data rate
 * ({@link HttpConnection#minDataRateDeadline()}, recomputed before every read); when the latter passes, the sweeper
 * shuts the socket's input instead of closing it, so the reading thread wakes, answers {@code 408} and closes.
 *
 * <p>Writes: the responses to requests that arrived together (pipelined) are gathered and written in one call,
 * after the last of them; a response is written at once when no further request bytes are buffered, so a
 * non-pipelining client never waits for one.
 *
 * <p>Threading: one instance per connection, run by exactly one thread; {@link #closeIfIdle()} and
 * {@link #expireIfOverdue(long)} may be called from other threads (shutdown, the deadline sweeper).
 */
final class BlockingConnection implements Runnable {

    /** {@link #readDeadline} when the thread is not waiting in read. */
    private static final long NOT_READING = Long.MIN_VALUE;
    /** {@link #readDeadline} once another thread has claimed the read to close it (deadline passed, shutdown). */
    private static final long EXPIRED = Long.MIN_VALUE + 1;
    /**
     * One read in this many asks the socket whether bytes are already waiting, to time it as READ (a power of two).
     * Asking costs a system call (FIONREAD) per read, about 5% of a small request's CPU time; one in 16 keeps the
     * READ histogram's shape at a sixteenth of the cost, well inside the 2% budget of stage timing.
     */
    private static final int READ_PROBE_EVERY = 16;
    /** Pipelined responses gathered beyond this many bytes are written without waiting for the batch to end. */
    private static final int GATHER_LIMIT_BYTES = 16 * 1024;

    private static final VarHandle READ_DEADLINE;

    static {
        try {
            READ_DEADLINE = MethodHandles.lookup().findVarHandle(BlockingConnection.class, "readDeadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Socket socket;
    private final Pipeline pipeline;
    private final StageRecorders stages;
    private final AtomicBoolean shuttingDown;
    private final long queuedAtNanos;
    private final Runnable onClose;
    private final long headerReadTimeoutNanos;
    private final long idleTimeoutNanos;
    /** Receives the response of {@link WaitStrategy#BLOCKING} processing, which completes before process() returns. */
    private final Consumer<HttpResponse> answer = r -> this.answered = r;
    private HttpResponse answered;
    /** Reads so far, from a random start so that short connections are probed for READ too. */
    private int reads = ThreadLocalRandom.current().nextInt(READ_PROBE_EVERY);
    /**
     * The {@link System#nanoTime()} by which the read in progress must return, or {@link #NOT_READING} or
     * {@link #EXPIRED}. Whoever moves it off a deadline owns the outcome: the reader (got bytes in time) or the
     * sweeper/shutdown (closes the socket; the reader then gives up).
     */
    @SuppressWarnings("unused") // accessed through READ_DEADLINE
    private volatile long readDeadline = NOT_READING;
    /** The published deadline is the minimum-data-rate one: on expiry, answer 408 rather than just close. */
    private volatile boolean rateDeadline;

    BlockingConnection(Socket socket, Pipeline pipeline, AtomicBoolean shuttingDown, long queuedAtNanos,
                       Runnable onClose) {
        this.socket = socket;
        this.pipeline = pipeline;
        this.stages = pipeline.stages();
        this.shuttingDown = shuttingDown;
        this.queuedAtNanos = queuedAtNanos;
        this.onClose = onClose;
        this.headerReadTimeoutNanos = pipeline.config().limits().headerReadTimeoutMillis() * 1_000_000;
        this.idleTimeoutNanos = Math.min(Long.MAX_VALUE / 4, pipeline.config().limits().idleTimeoutMillis() * 1_000_000);
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
        long deadline = (long) READ_DEADLINE.getVolatile(this);
        if (deadline != NOT_READING && deadline != EXPIRED && READ_DEADLINE.compareAndSet(this, deadline, EXPIRED)) {
            closeQuietly();
        }
    }

    /**
     * Closes the socket if its thread has been waiting in read past its deadline (idle or header-read timeout).
     *
     * @param nowNanos a {@link System#nanoTime()} value
     */
    void expireIfOverdue(long nowNanos) {
        long deadline = (long) READ_DEADLINE.getVolatile(this);
        if (deadline == NOT_READING || deadline == EXPIRED || nowNanos - deadline < 0) return;
        if (READ_DEADLINE.compareAndSet(this, deadline, EXPIRED)) {
            if (rateDeadline) {
                shutdownInputQuietly(); // the reader wakes at end of input and answers 408 itself
            } else {
                closeQuietly();
            }
        }
    }

    private void shutdownInputQuietly() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            closeQuietly();
        }
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
        boolean deadlineSet = false;
        while (true) {
            HttpRequest request;
            while ((request = conn.nextRequest()) != null) {
                pipeline.processor().process(request, WaitStrategy.BLOCKING, answer);
                HttpResponse response = answered;
                answered = null;
                // During shutdown the last response says so (RFC 9112 §9.6) and the connection closes after it.
                conn.respond(request, shuttingDown.get() ? response.closing() : response);
                // Bytes still buffered after a complete request are the next pipelined one: its response joins
                // this one in a single write, unless the batch grew large.
                if (!conn.midRequest() || conn.output().remaining() >= GATHER_LIMIT_BYTES) flush(conn, out);
                conn.recordWritten();
                deadlineSet = false;
            }
            flush(conn, out);
            if (conn.closing()) return;
            long deadline;
            boolean byRate = false;
            if (conn.readingBody()) {
                deadline = System.nanoTime() + idleTimeoutNanos;
                long rate = conn.minDataRateDeadline();
                if (rate != 0 && rate - deadline < 0) {
                    deadline = rate;
                    byRate = true;
                }
            } else if (conn.midRequest()) {
                if (!deadlineSet) {
                    requestDeadline = System.nanoTime() + headerReadTimeoutNanos;
                    deadlineSet = true;
                }
                deadline = requestDeadline;
            } else {
                deadline = System.nanoTime() + idleTimeoutNanos;
            }
            rateDeadline = byRate;
            if (!read(conn, in, deadline)) {
                conn.endOfInput();
            }
        }
    }

    /** One blocking read into the connection's buffer; false at end of stream. */
    private boolean read(HttpConnection conn, InputStream in, long deadline) throws IOException {
        ByteBuffer buf = conn.inbound();
        // READ is timed only when bytes are already waiting: a blocking read otherwise measures the client's think
        // time, not the cost of moving bytes. Sampled: see READ_PROBE_EVERY.
        long start = stages.isEnabled() && (++reads & (READ_PROBE_EVERY - 1)) == 0 && in.available() > 0
                ? System.nanoTime() : 0;
        if (deadline == NOT_READING || deadline == EXPIRED) deadline += 2;
        // Published before the shutdown flag is checked: either shutdown sees this read and closes it, or this
        // thread sees the flag (both are volatile).
        READ_DEADLINE.setVolatile(this, deadline);
        if (shuttingDown.get()) {
            READ_DEADLINE.setVolatile(this, NOT_READING);
            return false;
        }
        int n;
        try {
            n = in.read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        } catch (IOException e) {
            if ((long) READ_DEADLINE.getAndSet(this, NOT_READING) == EXPIRED) {
                // The sweeper or shutdown closed the socket under the read: a timeout, not an error.
                expired(conn);
                return true;
            }
            throw e;
        }
        if ((long) READ_DEADLINE.getAndSet(this, NOT_READING) == EXPIRED) {
            // The deadline passed (or shutdown began) just as bytes arrived, or the input was shut for a slow body.
            expired(conn);
            return true;
        }
        if (n < 0) return false;
        buf.position(buf.position() + n);
        if (start != 0) stages.recordSince(Stage.READ, start);
        return true;
    }

    /** A read ended by its deadline: below the minimum data rate a 408 is queued (written before the close). */
    private void expired(HttpConnection conn) {
        if (!(rateDeadline && !shuttingDown.get() && conn.enforceMinDataRate(System.nanoTime()))) conn.abort();
    }

    private static void flush(HttpConnection conn, OutputStream out) throws IOException {
        ByteBuffer pending = conn.output();
        if (!pending.hasRemaining()) return;
        out.write(pending.array(), pending.arrayOffset() + pending.position(), pending.remaining());
        pending.position(pending.limit());
    }
}

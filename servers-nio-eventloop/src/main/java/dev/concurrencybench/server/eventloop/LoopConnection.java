package dev.concurrencybench.server.eventloop;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.RequestProcessor;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One accepted channel served by one {@link EventLoop}: the non-blocking state machine around the shared
 * {@link HttpConnection}. It is the {@link SelectionKey}'s attachment.
 *
 * <p>States, by interest set: reading ({@code OP_READ}: no request in flight, output drained); in flight (no
 * interest: a request waits on an I/O timer or on the offload pool, and pipelined bytes stay buffered so responses
 * keep request order); backed up ({@code OP_WRITE} only: output the socket did not take — nothing more is read
 * until it drains, which is the model's backpressure). After a response is fully written the next buffered request
 * starts at once.
 *
 * <p>Failure isolation: any exception while serving closes this connection only, silently (resets and EOF are the
 * normal end of a connection, not errors).
 *
 * <p>Threading: every method runs on the owning loop's thread. Offload completions re-enter through
 * {@link EventLoop#execute}, so continuations of one connection never run concurrently.
 */
final class LoopConnection {

    private final EventLoop loop;
    private final SocketChannel channel;
    private final HttpConnection http;
    private final RequestProcessor processor;
    private final StageRecorders stages;
    private final WaitStrategy wait;
    private SelectionKey key;
    private int interest = -1;

    private HttpRequest current;        // the request in flight, or null
    private boolean advancing;          // guards against re-entry when a request completes synchronously
    private boolean closed;
    private boolean inputEnded;
    private boolean responseUnwritten;  // output holds a response whose WRITE/TOTAL are not yet recorded
    private long lastProgressNanos;     // accept, last byte read or written, last response completed
    private long midRequestSinceNanos;  // when a partial request (or handshake) was first seen; 0 = none

    LoopConnection(EventLoop loop, SocketChannel channel, HttpConnection http) {
        this.loop = loop;
        this.channel = channel;
        this.http = http;
        this.processor = loop.processor();
        this.stages = loop.stages();
        this.wait = new LoopWait();
        this.lastProgressNanos = System.nanoTime();
    }

    void register(Selector selector) throws IOException {
        key = channel.register(selector, SelectionKey.OP_READ, this);
        interest = SelectionKey.OP_READ;
    }

    /** The selector reported {@code readyOps}; {@code selectedAt} is a {@link StageRecorders#now()} value. */
    void onReady(int readyOps, long selectedAt) {
        if (closed) return;
        try {
            if ((readyOps & SelectionKey.OP_READ) != 0 && (interest & SelectionKey.OP_READ) != 0) {
                // QUEUE here = readable reported by select() → this loop gets to it (other keys handled first); the
                // same clock read starts READ.
                long now = stages.now();
                stages.record(Stage.QUEUE, now - selectedAt);
                read(now);
            }
            advance();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** Shutdown began: close now if idle, otherwise after the response being processed or written. */
    void shutdown() {
        if (closed) return;
        if (current != null) return; // complete() sees loop.draining()
        if (http.hasOutput()) {
            http.abort();
            return;
        }
        close();
    }

    /**
     * When the body being read is below the minimum request data rate at {@code now}: answers {@code 408}, writes
     * it (the connection closes once it is written) and returns true. Never while a request is in flight.
     */
    boolean belowMinDataRate(long now) {
        if (closed || current != null || http.hasOutput()) return false;
        if (!http.enforceMinDataRate(now)) return false;
        advance();
        return true;
    }

    /** True when the idle, header-read or write-stall timeout has passed. Never while a request is in flight. */
    boolean timedOut(long now, HttpLimits limits) {
        if (closed || current != null) return false;
        // A body is judged by the data rate (belowMinDataRate) and by the idle timeout between reads below.
        if (midRequestSinceNanos != 0 && !http.hasOutput() && !http.readingBody()) {
            return now - midRequestSinceNanos > TimeUnit.MILLISECONDS.toNanos(limits.headerReadTimeoutMillis());
        }
        // Idle between requests, or a peer that stopped reading its responses (output backed up).
        return now - lastProgressNanos > TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis());
    }

    void close() {
        if (closed) return;
        closed = true;
        http.abort();
        if (key != null) key.cancel();
        EventLoop.closeQuietly(channel);
        loop.forget(this);
    }

    /** One non-blocking read; {@code start}: a {@link StageRecorders#now()} value taken just before. */
    private void read(long start) throws IOException {
        ByteBuffer buf = http.inbound();
        int n = channel.read(buf);
        if (n > 0) {
            long now = System.nanoTime(); // ends READ and marks progress: one clock read for both
            stages.record(Stage.READ, now - start);
            lastProgressNanos = now;
        } else if (n < 0) {
            inputEnded = true;
            http.endOfInput();
        }
    }

    /**
     * Writes what is pending and starts buffered requests, one at a time, until the connection needs more bytes,
     * waits for a request in flight, waits for the socket to drain, or closes.
     */
    private void advance() {
        if (advancing || closed) return;
        advancing = true;
        try {
            while (!closed) {
                if (current != null) {
                    interest(0);
                    return;
                }
                if (http.hasOutput() && !flush()) {
                    interest(SelectionKey.OP_WRITE);
                    return;
                }
                if (http.closing()) {
                    close();
                    return;
                }
                HttpRequest request = http.nextRequest();
                if (request != null) {
                    midRequestSinceNanos = 0;
                    start(request);
                } else if (!http.hasOutput() && !http.closing()) {
                    // After EOF an OP_READ interest would report readiness forever: nothing more can arrive.
                    if (loop.draining() || inputEnded) {
                        close();
                        return;
                    }
                    if (!http.midRequest()) {
                        midRequestSinceNanos = 0;
                    } else if (midRequestSinceNanos == 0) {
                        midRequestSinceNanos = System.nanoTime();
                    }
                    interest(SelectionKey.OP_READ);
                    return;
                }
                // else: handshake, alert or error bytes to write, or closing: go round again
            }
        } catch (IOException | RuntimeException e) {
            close();
        } finally {
            advancing = false;
        }
    }

    private void start(HttpRequest request) {
        current = request;
        processor.process(request, wait, this::complete);
    }

    /** The processor's {@code done}: on the loop, synchronously from {@link #start} or from a timer or task. */
    private void complete(HttpResponse response) {
        if (closed || current == null) return;
        HttpRequest request = current;
        // Shutting down: the last response says Connection: close, so the client knows not to send more here.
        http.respond(request, loop.draining() ? response.closing() : response);
        current = null;
        responseUnwritten = true;
        lastProgressNanos = System.nanoTime();
        advance(); // a no-op when called synchronously inside advance(), whose loop carries on
    }

    /** Non-blocking write of the pending output; true when all of it went. */
    private boolean flush() throws IOException {
        ByteBuffer out = http.output();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) return false;
            lastProgressNanos = System.nanoTime();
        }
        if (responseUnwritten) {
            responseUnwritten = false;
            http.recordWritten();
        }
        return true;
    }

    private void interest(int ops) {
        if (ops != interest && key.isValid()) {
            key.interestOps(ops);
            interest = ops;
        }
    }

    /** Runs a continuation that arrived from a timer or from the offload pool, unless the connection is gone. */
    private void resume(Runnable continuation) {
        if (closed) return;
        try {
            continuation.run();
        } catch (RuntimeException e) {
            close();
        }
    }

    /**
     * The event loop's idiom: I/O waits are timers on this loop; CPU work runs inline, or with
     * {@code --offload-cpu-threads} on the pool with its result posted back to this loop.
     */
    private final class LoopWait implements WaitStrategy {

        @Override
        public void awaitIo(long micros, Runnable resume) {
            loop.schedule(TimeUnit.MICROSECONDS.toNanos(micros), () -> resume(resume));
        }

        @Override
        public <T> void runCpu(Supplier<T> work, Consumer<T> resume) {
            Executor pool = loop.offload();
            if (pool == null) {
                resume.accept(work.get());
                return;
            }
            // A rejection (pool shut down) propagates to advance(), which closes this connection.
            pool.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    loop.execute(LoopConnection.this::close);
                    return;
                }
                loop.execute(() -> resume(() -> resume.accept(result)));
            });
        }
    }
}

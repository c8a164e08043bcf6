package dev.concurrencybench.server.reactive;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;

/**
 * One connection as a chain of Reactor operators over the shared {@link HttpConnection}:
 *
 * <pre>
 * inbound buffers ─concatMap(prefetch 0)─▶ requests in that buffer ─concatMap(prefetch 0)─▶ process ─▶ write
 * </pre>
 *
 * Each inbound buffer is copied into the connection in slices no larger than its free room, draining complete
 * requests between slices, so the connection's buffer keeps its designed size whatever Netty hands over. Requests
 * are answered strictly one at a time and in order (pipelining included); the next inbound buffer is requested only
 * when every request of the previous one has been answered and written, which is the whole of the backpressure (see
 * {@link ReactiveServer}). The chain completes — and Reactor Netty closes the channel — once the connection is
 * {@link HttpConnection#closing() closing} and its last bytes are written.
 *
 * <p>The chain is assembled once per connection: the per-buffer {@link Flux} ({@link #bufferServed}) and the
 * per-request {@link Mono} ({@link #answered}) are cold publishers built in the constructor and subscribed again for
 * each buffer and each request, reading the buffer and the request from a field. That is Reactor's own advice
 * (assemble once, subscribe many) and it matters here: assembling the operators anew for every request allocated
 * some twenty objects and ran their constructors' checks, a visible share of a keep-alive request's CPU. The fields
 * are safe because {@code concatMap} without prefetch maps the next element only after the previous inner publisher
 * has completed, on this connection's one event loop.
 *
 * <p>Timeouts: while the chain waits for inbound bytes, a timer on the connection's loop closes it after the idle
 * timeout, or — once a request or TLS handshake has begun ({@link HttpConnection#midRequest()}) — when the
 * header-read timeout, counted from the first read that began it, runs out. While a body is being received the wait
 * ends at the sooner of the idle timeout and the moment the body falls below the minimum request data rate
 * ({@link HttpConnection#minDataRateDeadline()}); the latter answers {@code 408}, written straight to the channel,
 * and closes. The time a request is being processed or written does not count: that time is the server's, not the
 * client's. The timer is lazy, as Netty's
 * {@code IdleStateHandler} is: arriving bytes only clear the waiting deadline and the next wait only moves it, and
 * the one scheduled task, when it fires early, re-arms itself for what is left. Scheduling and cancelling a task on
 * the loop for every request (a priority-queue insert and removal, and Reactor's wrapper around each) would cost a
 * keep-alive connection more than the rest of its timeout bookkeeping together.
 *
 * <p>Threading: every method except {@link #shutdown()}, {@link #closeNow()} and {@link #onClose()} runs on the
 * connection's own event loop (Reactor Netty delivers inbound data there, and {@link #loop} resumes timers and
 * delays there), so the {@link HttpConnection} is only ever touched by that one thread.
 */
final class ReactiveConnection {

    private final Connection connection;
    private final NettyInbound in;
    private final NettyOutbound out;
    private final Pipeline pipeline;
    private final HttpConnection conn;
    private final Scheduler loop;
    private final WaitStrategy wait;
    private final ReactiveServer server;

    private boolean serving;            // a buffer's requests are being answered: no read timeout counts
    private long requestDeadline;       // System.nanoTime() by which the current request's headers must be in; 0 = none
    private long waitDeadline;          // System.nanoTime() at which the wait for input times out; 0 = not waiting
    private long timerDue;              // System.nanoTime() at which readTimer fires
    private Disposable readTimer;       // the one scheduled check, or null
    private boolean waitForRate;        // waitDeadline is the minimum-data-rate deadline, not a timeout
    private Disposable ioWait;

    private ByteBuf buffer;             // the inbound buffer being served (retained once; released by bufferServed)
    private HttpRequest request;        // the request being answered
    private final Mono<Boolean> bufferServed;
    private final Mono<Boolean> answered;
    private final Mono<Boolean> responseWritten;
    private final Mono<Boolean> bufferDone;
    private final Mono<Boolean> restWritten;
    private final Disposable cancelIoWait = () -> {
        if (ioWait != null) ioWait.dispose();
    };

    ReactiveConnection(Connection connection, NettyInbound in, NettyOutbound out, Pipeline pipeline, Scheduler loop,
                       UnaryOperator<WaitStrategy> waitDecorator, ReactiveServer server) throws IOException {
        this.connection = connection;
        this.in = in;
        this.out = out;
        this.pipeline = pipeline;
        this.conn = pipeline.newConnection();
        this.loop = loop;
        this.wait = waitDecorator.apply(this::awaitIo);
        this.server = server;
        this.answered = Mono.<HttpResponse>create(this::process).flatMap(this::respond);
        this.responseWritten = Mono.defer(this::write).then(Mono.fromCallable(this::written));
        this.bufferDone = Mono.fromCallable(this::bufferAnswered);
        this.restWritten = Mono.defer(this::write).then(bufferDone);
        // The buffer is the generator's state: it is released when the requests in it are used up, on error and on
        // cancel, by which time every byte of it has been copied into the connection or is to be discarded.
        this.bufferServed = Flux.<HttpRequest, ByteBuf>generate(() -> buffer, (b, sink) -> {
                    HttpRequest next = nextRequest(b);
                    if (next != null) sink.next(next);
                    else sink.complete();
                    return b;
                }, ReferenceCounted::release)
                .concatMap(this::answer, 0)
                // One signal per buffer: a response that closes the connection ends the generator (nextRequest
                // returns null once closing), so per-response signals are not needed to stop; then() instead of
                // concatWith() also spares concatWith's thread-local trampoline on every completion.
                .then(Mono.defer(this::finishBuffer));
    }

    /** The whole life of the connection; Reactor Netty closes the channel when it completes. */
    Mono<Void> serve() {
        armReadTimer();
        connection.addHandlerLast(PeerShutdown.NAME, PeerShutdown.INSTANCE);
        return in.receiveObject()
                // Netty releases each buffer when this onNext returns; the chain may still need it after a wait.
                .doOnNext(message -> {
                    if (message instanceof ByteBuf buffer) buffer.retain();
                })
                .concatMap(message -> message instanceof ByteBuf buffer ? serveBuffer(buffer) : endOfInput(), 0)
                // The channel closed under us: nothing more can be written, but let the connection settle.
                .concatWith(Flux.defer(this::endOfInput))
                .takeUntil(closing -> closing)
                .doOnDiscard(ByteBuf.class, ReferenceCounted::release)
                // Reset, broken pipe, a write to a closed channel: the peer is gone and there is nobody to tell.
                .onErrorResume(e -> Mono.empty())
                .doFinally(signal -> {
                    disposeReadTimer();
                    if (ioWait != null) ioWait.dispose();
                    conn.abort();
                    server.closed(this);
                })
                .then();
    }

    /**
     * Answers every request completed by {@code buffer} (retained once; released by {@link #bufferServed}), then
     * writes whatever else the connection produced (TLS handshake flights, an error response). Emits, once all is
     * written, whether the connection is closing. Called by {@code concatMap} when the buffer's turn has come.
     */
    private Mono<Boolean> serveBuffer(ByteBuf buffer) {
        cancelReadTimer();
        serving = true;
        this.buffer = buffer;
        return bufferServed;
    }

    /** After the buffer's last request: write what else there is, then wait for input again (unless closing). */
    private Mono<Boolean> finishBuffer() {
        // Shutdown began while this buffer was served: do not wait for more input.
        if (server.shuttingDown()) conn.abort();
        return conn.hasOutput() ? restWritten : bufferDone;
    }

    /** The buffer is answered and written: wait for input again, unless closing; emits whether closing. */
    private Boolean bufferAnswered() {
        serving = false;
        if (!conn.closing()) armReadTimer();
        return conn.closing();
    }

    /** The peer half-closed: answer what is already buffered (usually nothing), then close. */
    private Mono<Boolean> endOfInput() {
        conn.endOfInput();
        return serveBuffer(Unpooled.EMPTY_BUFFER);
    }

    /** Copies {@code buffer} into the connection slice by slice until a request completes or the buffer is used up. */
    private HttpRequest nextRequest(ByteBuf buffer) {
        while (!conn.closing()) {
            if (buffer.isReadable()) {
                ByteBuffer room = conn.inbound();
                int n = Math.min(room.remaining(), buffer.readableBytes());
                if (room.hasArray()) {
                    // through the array: Netty's ByteBuffer overloads duplicate or slice the direct buffer per call
                    // when it runs without sun.misc.Unsafe (its default on JDK 24+)
                    buffer.readBytes(room.array(), room.arrayOffset() + room.position(), n);
                    room.position(room.position() + n);
                } else {
                    int limit = room.limit();
                    room.limit(room.position() + n);
                    buffer.readBytes(room);
                    room.limit(limit);
                }
            }
            HttpRequest request = conn.nextRequest();
            if (request != null) {
                requestDeadline = 0;
                return request;
            }
            if (!buffer.isReadable()) return null;
        }
        return null;
    }

    /** Process, encode and write one request; emits whether the connection is closing once the write is done. */
    private Mono<Boolean> answer(HttpRequest request) {
        this.request = request;
        return answered;
    }

    private void process(MonoSink<HttpResponse> sink) {
        // onCancel, not onDispose: disposal also runs after success, by which time the next pipelined request may
        // already have started its own wait on this stack.
        sink.onCancel(cancelIoWait);
        pipeline.processor().process(request, wait, sink::success);
    }

    private Mono<Boolean> respond(HttpResponse response) {
        conn.respond(request, response);
        // Shutdown: this in-flight response is the connection's last.
        if (server.shuttingDown()) conn.abort();
        return responseWritten;
    }

    /** Once a response is written: its stage timings, and whether the connection is closing. */
    private Boolean written() {
        conn.recordWritten();
        return conn.closing();
    }

    /** Writes and flushes everything the connection has to send; completes when Netty has written it. */
    private Mono<Void> write() {
        ByteBuffer pending = conn.output();
        if (!pending.hasRemaining()) return Mono.empty();
        int n = pending.remaining();
        ByteBuf bytes = connection.channel().alloc().buffer(n);
        if (pending.hasArray()) {
            bytes.writeBytes(pending.array(), pending.arrayOffset() + pending.position(), n);
            pending.position(pending.position() + n);
        } else {
            bytes.writeBytes(pending);
        }
        return out.sendObject(bytes).then();
    }

    /** The model's I/O idiom: a timer on this connection's own event loop; the continuation resumes there. */
    private void awaitIo(long micros, Runnable resume) {
        ioWait = Mono.delay(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(micros)), loop)
                .subscribe(tick -> resume.run(), error -> connection.dispose());
    }

    /** Starts waiting for input: sets the deadline, and schedules the check only when none fires by then. */
    private void armReadTimer() {
        long now = System.nanoTime();
        long deadline;
        waitForRate = false;
        if (conn.readingBody()) {
            requestDeadline = 0;
            deadline = now + TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().idleTimeoutMillis());
            long rateDeadline = conn.minDataRateDeadline();
            if (rateDeadline != 0 && rateDeadline - deadline < 0) {
                deadline = rateDeadline - now > 0 ? rateDeadline : now + 1;
                waitForRate = true;
            }
        } else if (conn.midRequest()) {
            if (requestDeadline == 0) {
                requestDeadline = now + TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().headerReadTimeoutMillis());
            }
            deadline = requestDeadline - now > 0 ? requestDeadline : now + 1; // nanoTime: compare differences
        } else {
            requestDeadline = 0;
            deadline = now + TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().idleTimeoutMillis());
        }
        waitDeadline = deadline;
        if (readTimer != null && timerDue - deadline <= 0) return; // it fires first and will re-arm for the rest
        disposeReadTimer();
        schedule(deadline, now);
    }

    /** Input arrived: the wait is over. The scheduled check stays; it finds nothing to do (or re-arms) when it fires. */
    private void cancelReadTimer() {
        waitDeadline = 0;
    }

    private void schedule(long due, long now) {
        timerDue = due;
        readTimer = loop.schedule(this::readTimerFired, Math.max(1, due - now), TimeUnit.NANOSECONDS);
    }

    private void disposeReadTimer() {
        if (readTimer != null) {
            readTimer.dispose();
            readTimer = null;
        }
    }

    private void readTimerFired() {
        readTimer = null;
        if (serving || waitDeadline == 0) return; // not waiting for input: the next wait schedules a check again
        long now = System.nanoTime();
        if (now - waitDeadline < 0) {
            schedule(waitDeadline, now); // the wait was renewed since this check was scheduled
            return;
        }
        waitDeadline = 0;
        if (waitForRate) {
            if (conn.enforceMinDataRate(now)) {
                // Outside the operator chain (it waits for input): write the 408 on the channel, then close.
                ByteBuffer pending = conn.output();
                ByteBuf bytes = connection.channel().alloc().buffer(pending.remaining());
                bytes.writeBytes(pending);
                connection.channel().writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (conn.minDataRateDeadline() != 0) { // fired a hair early: the rate still holds for now
                armReadTimer();
                return;
            }
        }
        conn.abort();
        connection.dispose();
    }

    /** Shutdown, from any thread: close now if waiting for input; otherwise after the response in flight. */
    void shutdown() {
        // Through the loop's Scheduler, captured when the connection was served, not channel().eventLoop(): under
        // load a connection still in the server's set was seen with a channel reporting no event loop, and
        // eventLoop() then throws out of close() (see ReactiveConnectionShutdownTest).
        loop.schedule(() -> {
            if (!serving) {
                conn.abort();
                connection.dispose();
            }
        });
    }

    /** End of the shutdown grace period, from any thread: close whatever the connection is doing. */
    void closeNow() {
        connection.dispose();
    }

    /** Completes when the channel has closed. */
    Mono<Void> onClose() {
        return connection.onDispose();
    }

    /**
     * Turns the peer's half-close into an in-band marker after its last bytes. Reactor Netty ignores Netty's
     * {@link ChannelInputShutdownEvent}, and without half-closure Netty would close the channel at once, dropping
     * the answers to requests that arrived with the FIN (RFC 9112 §9.6 lets a client half-close after sending).
     */
    @ChannelHandler.Sharable
    private static final class PeerShutdown extends ChannelInboundHandlerAdapter {
        static final String NAME = "concurrencybench.peerShutdown";
        static final PeerShutdown INSTANCE = new PeerShutdown();
        /** The marker: not a ByteBuf, so Reactor Netty passes it through untouched. */
        static final Object END_OF_INPUT = new Object();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) ctx.fireChannelRead(END_OF_INPUT);
            ctx.fireUserEventTriggered(event);
        }
    }
}

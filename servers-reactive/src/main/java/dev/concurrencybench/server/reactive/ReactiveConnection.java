package dev.concurrencybench.server.reactive;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
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
 * <p>Timeouts: while the chain waits for inbound bytes, a timer on the connection's loop closes it after the idle
 * timeout, or — once a request or TLS handshake has begun ({@link HttpConnection#midRequest()}) — when the
 * header-read timeout, counted from the first read that began it, runs out. While a body is being received the timer
 * is set for the sooner of the idle timeout and the moment the body falls below the minimum request data rate
 * ({@link HttpConnection#minDataRateDeadline()}); the latter answers {@code 408}, written straight to the channel,
 * and closes. No timer runs while a request is being processed or written: that time is the server's, not the
 * client's.
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
    private final StageRecorders stages;
    private final HttpConnection conn;
    private final Scheduler loop;
    private final WaitStrategy wait;
    private final ReactiveServer server;

    private boolean serving;            // a buffer's requests are being answered: no read timer
    private long requestDeadline;       // System.nanoTime() by which the current request's headers must be in; 0 = none
    private Disposable readTimer;
    private boolean readTimerForRate;   // the armed read timer is the minimum-data-rate deadline
    private Disposable ioWait;

    ReactiveConnection(Connection connection, NettyInbound in, NettyOutbound out, Pipeline pipeline, Scheduler loop,
                       UnaryOperator<WaitStrategy> waitDecorator, ReactiveServer server) throws IOException {
        this.connection = connection;
        this.in = in;
        this.out = out;
        this.pipeline = pipeline;
        this.stages = pipeline.stages();
        this.conn = pipeline.newConnection();
        this.loop = loop;
        this.wait = waitDecorator.apply(this::awaitIo);
        this.server = server;
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
                    cancelReadTimer();
                    if (ioWait != null) ioWait.dispose();
                    conn.abort();
                    server.closed(this);
                })
                .then();
    }

    /**
     * Answers every request completed by {@code buffer} (retained once; released here), then writes whatever else
     * the connection produced (TLS handshake flights, an error response). Emits, after each write, whether the
     * connection is closing.
     */
    private Flux<Boolean> serveBuffer(ByteBuf buffer) {
        return Flux.defer(() -> {
                    cancelReadTimer();
                    serving = true;
                    return Flux.<HttpRequest>generate(sink -> {
                                HttpRequest request = nextRequest(buffer);
                                if (request != null) sink.next(request);
                                else sink.complete();
                            })
                            .concatMap(this::answer, 0)
                            .concatWith(Mono.defer(() -> {
                                // Shutdown began while this buffer was served: do not wait for more input.
                                if (server.shuttingDown()) conn.abort();
                                return write().then(Mono.fromCallable(conn::closing));
                            }));
                })
                .doOnComplete(() -> {
                    serving = false;
                    if (!conn.closing()) armReadTimer();
                })
                .doFinally(signal -> buffer.release());
    }

    /** The peer half-closed: answer what is already buffered (usually nothing), then close. */
    private Flux<Boolean> endOfInput() {
        conn.endOfInput();
        return serveBuffer(Unpooled.EMPTY_BUFFER);
    }

    /** Copies {@code buffer} into the connection slice by slice until a request completes or the buffer is used up. */
    private HttpRequest nextRequest(ByteBuf buffer) {
        while (!conn.closing()) {
            if (buffer.isReadable()) {
                ByteBuffer room = conn.inbound();
                int n = Math.min(room.remaining(), buffer.readableBytes());
                int limit = room.limit();
                room.limit(room.position() + n);
                buffer.readBytes(room);
                room.limit(limit);
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
        return Mono.<HttpResponse>create(sink -> {
                    // onCancel, not onDispose: disposal also runs after success, by which time the next pipelined
                    // request may already have started its own wait on this stack.
                    sink.onCancel(() -> {
                        if (ioWait != null) ioWait.dispose();
                    });
                    pipeline.processor().process(request, wait, sink::success);
                })
                .flatMap(response -> {
                    long writeStart = stages.now();
                    conn.respond(request, response);
                    // Shutdown: this in-flight response is the connection's last.
                    if (server.shuttingDown()) conn.abort();
                    return write().then(Mono.fromCallable(() -> {
                        conn.recordWritten(writeStart);
                        return conn.closing();
                    }));
                });
    }

    /** Writes and flushes everything the connection has to send; completes when Netty has written it. */
    private Mono<Void> write() {
        ByteBuffer pending = conn.output();
        if (!pending.hasRemaining()) return Mono.empty();
        ByteBuf bytes = connection.channel().alloc().buffer(pending.remaining());
        bytes.writeBytes(pending);
        return out.sendObject(bytes).then();
    }

    /** The model's I/O idiom: a timer on this connection's own event loop; the continuation resumes there. */
    private void awaitIo(long micros, Runnable resume) {
        ioWait = Mono.delay(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(micros)), loop)
                .subscribe(tick -> resume.run(), error -> connection.dispose());
    }

    private void armReadTimer() {
        long delayNanos;
        readTimerForRate = false;
        if (conn.readingBody()) {
            requestDeadline = 0;
            delayNanos = TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().idleTimeoutMillis());
            long rateDeadline = conn.minDataRateDeadline();
            if (rateDeadline != 0 && rateDeadline - System.nanoTime() < delayNanos) {
                delayNanos = Math.max(1, rateDeadline - System.nanoTime());
                readTimerForRate = true;
            }
        } else if (conn.midRequest()) {
            long now = System.nanoTime();
            if (requestDeadline == 0) {
                requestDeadline = now + TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().headerReadTimeoutMillis());
            }
            delayNanos = Math.max(1, requestDeadline - now);
        } else {
            requestDeadline = 0;
            delayNanos = TimeUnit.MILLISECONDS.toNanos(pipeline.config().limits().idleTimeoutMillis());
        }
        readTimer = loop.schedule(this::readTimedOut, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelReadTimer() {
        if (readTimer != null) {
            readTimer.dispose();
            readTimer = null;
        }
    }

    private void readTimedOut() {
        if (serving || readTimer == null) return; // bytes arrived first
        readTimer = null;
        if (readTimerForRate) {
            if (conn.enforceMinDataRate(System.nanoTime())) {
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
        connection.channel().eventLoop().execute(() -> {
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

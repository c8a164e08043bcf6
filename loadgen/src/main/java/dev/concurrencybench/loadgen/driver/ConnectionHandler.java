package dev.concurrencybench.loadgen.driver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one connection: a FIFO of requests in flight (HTTP/1.1 answers in order, pipelined or not),
 * response checking and recording. All methods run on the channel's event loop, except {@link #send}, which
 * hands the write over to it.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    /** Callbacks into the driver, invoked on the event loop. */
    interface Owner {
        /** The connection is usable (TCP connected, TLS handshake done). */
        void ready(ConnectionHandler handler);

        /** One request has finished, successfully or not; its in-flight slot is free again. */
        void finished(ConnectionHandler handler, Pending pending);

        /** The connection is gone; every request it carried has already been {@link #finished}. */
        void closed(ConnectionHandler handler);
    }

    private final Owner owner;
    private final LatencyRecorders recorders;
    private final boolean tls;
    private final int bodyCheckEvery;
    private final long timeoutNanos;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private Channel channel;
    private ScheduledFuture<?> timeoutCheck;
    private long responses;
    private int status;
    private ByteArrayOutputStream body;
    private boolean closedReported;

    ConnectionHandler(Owner owner, LatencyRecorders recorders, boolean tls, int bodyCheckEvery, long timeoutNanos) {
        this.owner = owner;
        this.recorders = recorders;
        this.tls = tls;
        this.bodyCheckEvery = bodyCheckEvery;
        this.timeoutNanos = timeoutNanos;
    }

    Channel channel() {
        return channel;
    }

    /** Any thread: writes the request on the event loop and stamps its actual send time there. */
    void send(Pending p) {
        Channel ch = channel;
        if (ch.eventLoop().inEventLoop()) {
            write(p);
        } else {
            ch.eventLoop().execute(() -> write(p));
        }
    }

    private void write(Pending p) {
        if (!channel.isActive() || closedReported) {
            recorders.recordError(recorders.resets, p.intendedNanos, "connection closed before send");
            owner.finished(this, p);
            return;
        }
        if (p.sentNanos == 0) {
            p.sentNanos = System.nanoTime(); // connection-per-request stamped it before connecting
        }
        inFlight.add(p);
        channel.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(p.template.bytes()), channel.voidPromise());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        long period = Math.max(1_000_000, Math.min(timeoutNanos / 4, 100_000_000));
        timeoutCheck = ctx.executor().scheduleAtFixedRate(this::checkTimeouts, period, period, TimeUnit.NANOSECONDS);
        if (!tls) {
            owner.ready(this);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent hs) {
            if (hs.isSuccess()) {
                owner.ready(this);
            } else {
                recorders.connectErrors.increment();
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse r) {
                if (r.decoderResult().isFailure()) {
                    failAll(recorders.resets, "bad response: " + r.decoderResult().cause());
                    ctx.close();
                    return;
                }
                status = r.status().code();
                responses++;
                body = (responses % bodyCheckEvery == 1 || bodyCheckEvery == 1) ? new ByteArrayOutputStream() : null;
            }
            if (msg instanceof HttpContent c) {
                if (body != null) {
                    ByteBuf content = c.content();
                    byte[] bytes = new byte[content.readableBytes()];
                    content.getBytes(content.readerIndex(), bytes);
                    body.writeBytes(bytes);
                }
                if (msg instanceof LastHttpContent) {
                    complete();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void complete() {
        long now = System.nanoTime();
        Pending p = inFlight.poll();
        if (p == null) {
            recorders.resets.increment();
            return;
        }
        RequestTemplate t = p.template;
        if (status != t.expectStatus()) {
            recorders.recordError(recorders.statusErrors, p.intendedNanos,
                    "status " + status + " for " + t.name() + ", expected " + t.expectStatus());
        } else if (body != null) {
            if (recorders.inWindow(p.intendedNanos)) {
                recorders.bodiesChecked.increment();
            }
            String problem = t.checkBody(body.toString(StandardCharsets.UTF_8));
            if (problem != null) {
                recorders.recordError(recorders.bodyErrors, p.intendedNanos, problem);
            } else {
                recorders.recordSuccess(t.name(), p.intendedNanos, p.readyNanos, p.sentNanos, now);
            }
        } else {
            recorders.recordSuccess(t.name(), p.intendedNanos, p.readyNanos, p.sentNanos, now);
        }
        body = null;
        owner.finished(this, p);
    }

    private void checkTimeouts() {
        Pending head = inFlight.peek();
        if (head != null && System.nanoTime() - head.sentNanos > timeoutNanos) {
            failAll(recorders.timeouts, "timeout after " + timeoutNanos / 1_000_000 + " ms");
            channel.close();
        }
    }

    /** Fails every request still in flight (counted in {@code counter}); run at the end and on close. */
    void failAll(java.util.concurrent.atomic.LongAdder counter, String message) {
        Pending p;
        while ((p = inFlight.poll()) != null) {
            recorders.recordError(counter, p.intendedNanos, message);
            owner.finished(this, p);
        }
    }

    int inFlightCount() {
        return inFlight.size();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeoutCheck != null) {
            timeoutCheck.cancel(false);
        }
        failAll(recorders.resets, "connection closed by peer with requests in flight");
        if (!closedReported) {
            closedReported = true;
            owner.closed(this);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(recorders.resets, "connection error: " + cause);
        ctx.close();
    }
}

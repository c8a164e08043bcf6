package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLEngine;

/**
 * Netty 4.2 with {@link HttpServerCodec}, its connections on one NIO event loop (and Netty's usual separate acceptor
 * loop), written the way Netty's own HTTP examples and its
 * TechEmpower entry are: a full response written per request, flushed once per read batch. The production peer of
 * the event-loop model.
 */
final class NettyPeer {

    private static final String SERVER = PeerResponses.server("netty");

    private NettyPeer() {
    }

    static AutoCloseable start(String host, int port, TlsContexts tls) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel channel = new ServerBootstrap()
                .group(boss, loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (tls != null) {
                            SSLEngine engine = tls.newEngine();
                            p.addLast(new SslHandler(engine));
                        }
                        p.addLast(new HttpServerCodec());
                        p.addLast(new Handler());
                    }
                })
                .bind(host, port).sync().channel();
        return () -> {
            channel.close().syncUninterruptibly();
            boss.shutdownGracefully().syncUninterruptibly();
            loop.shutdownGracefully().syncUninterruptibly();
        };
    }

    /** Answers each request as its head arrives (the endpoints have no body); flushes at the end of a read batch. */
    private static final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request) respond(ctx, request);
                // body chunks and LastHttpContent: nothing to do, the endpoints take no body
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static void respond(ChannelHandlerContext ctx, HttpRequest request) {
            String uri = request.uri();
            boolean get = request.method().equals(HttpMethod.GET);
            FullHttpResponse response;
            if (get && uri.equals(PeerResponses.PLAINTEXT_PATH)) {
                response = ok(PeerResponses.TEXT_PLAIN, PeerResponses.PLAINTEXT);
            } else if (get && uri.equals(PeerResponses.JSON_PATH)) {
                response = ok(PeerResponses.APPLICATION_JSON, PeerResponses.json());
            } else {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                headers(response.headers(), PeerResponses.TEXT_PLAIN, 0);
            }
            if (HttpUtil.isKeepAlive(request)) {
                ctx.write(response, ctx.voidPromise());
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse ok(String type, byte[] body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            headers(r.headers(), type, body.length);
            return r;
        }

        private static void headers(HttpHeaders h, String type, int length) {
            h.set(HttpHeaderNames.CONTENT_TYPE, type);
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
            h.set(HttpHeaderNames.SERVER, SERVER);
            h.set(HttpHeaderNames.DATE, PeerResponses.date());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset or a bad request: production servers drop the connection
        }
    }

}

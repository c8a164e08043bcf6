package dev.concurrencybench.pipeline.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fuzz tests' second, independent reading of a request stream: Netty's {@code HttpRequestDecoder} with strict
 * line parsing and duplicate Content-Lengths refused, limits raised so that only the grammar can make it stop.
 * Every request our parser accepts must be framed identically by Netty (method, target, version, keep-alive,
 * decoded body); where Netty accepts more than we do, we do not care.
 *
 * <p>Not thread-safe; a fresh decoder per call.
 */
public final class NettyRequestOracle {

    /** One request as Netty framed it; {@code body} decoded as ISO-8859-1. */
    public record Framed(String method, String target, String version, boolean keepAlive, String body) {

        /** The same fields read from one of our requests. */
        public static Framed of(HttpRequest r) {
            return new Framed(r.method(), r.target(), r.version().text(), r.keepAlive(),
                    new String(r.body(), StandardCharsets.ISO_8859_1));
        }
    }

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    private NettyRequestOracle() {}

    /** Netty keeps {@code HTTP/1.9} as read; RFC 9110 §2.5 has us answer it as 1.1, which is not a framing difference. */
    private static String answeredAs(io.netty.handler.codec.http.HttpVersion v) {
        return v.majorVersion() == 1 && v.minorVersion() > 1 ? "HTTP/1.1" : v.text();
    }

    /** Every complete request Netty reads from {@code stream}, in order, up to its first decoding failure. */
    public static List<Framed> decode(byte[] stream) {
        EmbeddedChannel channel = new EmbeddedChannel(new io.netty.handler.codec.http.HttpRequestDecoder(
                new HttpDecoderConfig()
                        .setMaxInitialLineLength(1 << 20)
                        .setMaxHeaderSize(1 << 20)
                        .setMaxChunkSize(1 << 20)
                        .setStrictLineParsing(true)
                        .setAllowDuplicateContentLengths(false)
                        .setAllowPartialChunks(true)));
        List<Framed> out = new ArrayList<>();
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(stream));
            io.netty.handler.codec.http.HttpRequest head = null;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Object msg;
            while ((msg = channel.readInbound()) != null) {
                try {
                    if (((HttpObject) msg).decoderResult().isFailure()) return out;
                    if (msg instanceof io.netty.handler.codec.http.HttpRequest r) {
                        head = r;
                        body.reset();
                    }
                    if (msg instanceof HttpContent c) {
                        ByteBuf content = c.content();
                        byte[] b = new byte[content.readableBytes()];
                        content.getBytes(content.readerIndex(), b);
                        body.writeBytes(b);
                    }
                    if (msg instanceof LastHttpContent && head != null) {
                        out.add(new Framed(head.method().name(), head.uri(), answeredAs(head.protocolVersion()),
                                HttpUtil.isKeepAlive(head), body.toString(StandardCharsets.ISO_8859_1)));
                        head = null;
                    }
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
            return out;
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

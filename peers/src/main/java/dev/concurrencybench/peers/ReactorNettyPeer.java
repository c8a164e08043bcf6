package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * Reactor Netty 1.3's {@link HttpServer} with its router, its connections on one NIO loop (the JDK selector, as
 * the reactive model uses; and a separate acceptor loop): the production peer of the reactive model. Each response body is sent as a {@code Mono}.
 */
final class ReactorNettyPeer {

    private static final String SERVER = PeerResponses.server("reactor-netty");

    private ReactorNettyPeer() {
    }

    static AutoCloseable start(String host, int port, TlsContexts tls) {
        LoopResources loop = LoopResources.create("reactor-netty-peer", 1, 1, true, false);
        HttpServer server = HttpServer.create().host(host).port(port).runOn(loop, false)
                .route(r -> r
                        .get(PeerResponses.PLAINTEXT_PATH, (req, res) -> send(res, PeerResponses.TEXT_PLAIN,
                                PeerResponses.PLAINTEXT))
                        .get(PeerResponses.JSON_PATH, (req, res) -> send(res, PeerResponses.APPLICATION_JSON,
                                PeerResponses.json())));
        if (tls != null) {
            JdkSslContext ssl = new JdkSslContext(tls.sslContext(), false, null, IdentityCipherSuiteFilter.INSTANCE,
                    ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, new String[] {tls.protocol()}, false);
            server = server.secure(spec -> spec.sslContext(ssl));
        }
        DisposableServer bound = server.bindNow();
        return () -> {
            bound.disposeNow();
            loop.disposeLater().block();
        };
    }

    private static Publisher<Void> send(HttpServerResponse res, String type, byte[] body) {
        return res.header(HttpHeaderNames.CONTENT_TYPE, type)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .header(HttpHeaderNames.SERVER, SERVER)
                .header(HttpHeaderNames.DATE, PeerResponses.date())
                .sendByteArray(Mono.just(body));
    }
}

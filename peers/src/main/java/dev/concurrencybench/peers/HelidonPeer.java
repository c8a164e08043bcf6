package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.util.List;

/**
 * Helidon SE 4.5's WebServer in its default setup: it serves every connection on a virtual thread of its own with
 * blocking socket I/O, the same shape as the virtual-thread model. Helidon sends
 * {@code Date} itself; the {@code Server} header is added per response.
 */
final class HelidonPeer {

    private static final Header SERVER = HeaderValues.create(HeaderNames.SERVER, PeerResponses.server("helidon"));
    private static final Header TEXT = HeaderValues.create(HeaderNames.CONTENT_TYPE, PeerResponses.TEXT_PLAIN);
    private static final Header JSON = HeaderValues.create(HeaderNames.CONTENT_TYPE, PeerResponses.APPLICATION_JSON);

    private HelidonPeer() {
    }

    static AutoCloseable start(String host, int port, TlsContexts tls) {
        WebServerConfig.Builder builder = WebServer.builder().host(host).port(port)
                .routing(r -> r
                        .get(PeerResponses.PLAINTEXT_PATH, (req, res) -> {
                            res.header(TEXT);
                            res.header(SERVER);
                            res.send(PeerResponses.PLAINTEXT);
                        })
                        .get(PeerResponses.JSON_PATH, (req, res) -> {
                            res.header(JSON);
                            res.header(SERVER);
                            res.send(PeerResponses.json());
                        }));
        if (tls != null) {
            builder.tls(t -> t.sslContext(tls.sslContext()).enabledProtocols(List.of(tls.protocol())));
        }
        WebServer server = builder.build().start();
        return server::stop;
    }
}

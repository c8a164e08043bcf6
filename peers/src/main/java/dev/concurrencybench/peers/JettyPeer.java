package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12.1 with a core {@link Handler} (no servlets) on the default {@code QueuedThreadPool} (8..200 threads): the
 * production peer of the thread-pool model. Jetty's own {@code Server} and {@code Date} headers.
 */
final class JettyPeer {

    private JettyPeer() {
    }

    static AutoCloseable start(String host, int port, TlsContexts tls) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendDateHeader(true);
        http.setSendServerVersion(true);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, h1);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls.sslContext());
            ssl.setIncludeProtocols(tls.protocol());
            connector = new ServerConnector(server, ssl, h1);
        }
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = request.getHttpURI().getPath();
                boolean get = "GET".equals(request.getMethod());
                if (get && PeerResponses.PLAINTEXT_PATH.equals(path)) {
                    send(response, callback, PeerResponses.TEXT_PLAIN, PeerResponses.PLAINTEXT);
                } else if (get && PeerResponses.JSON_PATH.equals(path)) {
                    send(response, callback, PeerResponses.APPLICATION_JSON, PeerResponses.json());
                } else {
                    Response.writeError(request, response, callback, 404);
                }
                return true;
            }
        });
        server.start();
        return server::stop;
    }

    private static void send(Response response, Callback callback, String type, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

package dev.concurrencybench.pipeline.connection;

import dev.concurrencybench.pipeline.http.HttpResponseEncoder;
import dev.concurrencybench.pipeline.http.HttpVersion;
import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.process.RequestProcessor;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import dev.concurrencybench.pipeline.tls.TlsContexts;
import dev.concurrencybench.pipeline.tls.TlsSession;
import java.io.IOException;
import java.util.List;

/**
 * The shared stages of one server, built once from its {@link ServerConfig}: TLS context, parser limits, JSON codec,
 * processor, encoder and stage recorders. Every model builds exactly this and differs only in which threads call it.
 *
 * <p>Threading: immutable and thread-safe; {@link #newConnection()} may be called from any thread.
 */
public final class Pipeline {

    private final ServerConfig config;
    private final StageRecorders stages;
    private final TlsContexts tls;
    private final HttpResponseEncoder encoder = new HttpResponseEncoder();
    private final RequestProcessor processor;

    private Pipeline(ServerConfig config, TlsContexts tls) {
        this.config = config;
        this.stages = config.stageTiming() ? StageRecorders.enabled() : StageRecorders.disabled();
        this.tls = tls;
        this.processor = new RequestProcessor(new JsonCodec(), stages, config.injectDelayMicros());
    }

    /**
     * @throws IOException when TLS is on and its keystore cannot be loaded
     */
    public static Pipeline create(ServerConfig config) throws IOException {
        TlsContexts tls = config.tls().enabled() ? TlsContexts.create(config.tls()) : null;
        return new Pipeline(config, tls);
    }

    /** Protocol state for a freshly accepted connection (TLS handshake pending when TLS is on). */
    public HttpConnection newConnection() throws IOException {
        return new HttpConnection(this, tls == null ? null : new TlsSession(tls.newEngine()));
    }

    /**
     * The complete bytes of a {@code 503} with {@code Connection: close}, for a connection a model refuses before
     * reading it (overload). Plaintext only: under TLS there is no session yet to answer in, so such a connection is
     * simply closed.
     */
    public byte[] serviceUnavailableResponse() {
        return encoder.encode(processor.error(503, "server overloaded", List.of()), HttpVersion.HTTP_1_1, true);
    }

    public ServerConfig config() {
        return config;
    }

    public StageRecorders stages() {
        return stages;
    }

    public RequestProcessor processor() {
        return processor;
    }

    HttpResponseEncoder encoder() {
        return encoder;
    }
}

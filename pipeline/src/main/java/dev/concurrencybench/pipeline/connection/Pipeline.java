package dev.concurrencybench.pipeline.connection;

import dev.concurrencybench.pipeline.http.HttpResponseEncoder;
import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.process.RequestProcessor;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import dev.concurrencybench.pipeline.tls.TlsContexts;
import dev.concurrencybench.pipeline.tls.TlsSession;
import java.io.IOException;

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
        this.processor = new RequestProcessor(new JsonCodec(), stages);
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

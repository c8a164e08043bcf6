package dev.concurrencybench.testkit;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers one conformance run talks to, all started from the same {@link ServerProvider} on port 0 of the
 * loopback interface: a plaintext server with default limits, a TLS 1.3 server with a self-signed certificate,
 * and a plaintext "strict" server with {@link #STRICT_LIMITS} so that limit tests stay small and fast. Tests that
 * need their own server (graceful shutdown) start it through {@link #start}; everything is closed by
 * {@link #close()}.
 *
 * <p>Thread-safe for reads after construction; {@link #start} is synchronized.
 */
public final class ServerFixture implements AutoCloseable {

    /**
     * Request line 256 B, header block 1 KiB or 20 lines, body 1 KiB, header read 300 ms, idle 60 s.
     */
    public static final HttpLimits STRICT_LIMITS = new HttpLimits(256, 1024, 20, 1024, 300, 60_000);

    private final ServerProvider provider;
    private final List<Server> started = new ArrayList<>();
    private final Server plain;
    private final Server tls;
    private final Server strict;

    /** Starts the three shared servers; if one fails to start, the ones already running are closed. */
    public ServerFixture(ServerProvider provider) throws IOException {
        this.provider = provider;
        try {
            plain = start(ServerConfig.builder().build());
            tls = start(ServerConfig.builder().tls(TlsSettings.selfSigned()).build());
            strict = start(ServerConfig.builder().limits(STRICT_LIMITS).build());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public ServerProvider provider() {
        return provider;
    }

    public InetSocketAddress plain() {
        return plain.address();
    }

    public InetSocketAddress tls() {
        return tls.address();
    }

    public InetSocketAddress strict() {
        return strict.address();
    }

    public RawHttpClient connect() throws IOException {
        return RawHttpClient.connect(plain());
    }

    public RawHttpClient connectTls() throws IOException {
        return RawHttpClient.connectTls(tls());
    }

    public RawHttpClient connectStrict() throws IOException {
        return RawHttpClient.connect(strict());
    }

    /** Starts one more server from the provider; it is closed with the fixture (closing it earlier is fine). */
    public synchronized Server start(ServerConfig config) throws IOException {
        Server s = provider.start(config);
        started.add(s);
        return s;
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (Server s : started) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        started.clear();
        if (first != null) throw first;
    }
}

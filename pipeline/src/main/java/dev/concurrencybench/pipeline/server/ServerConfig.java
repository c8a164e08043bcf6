package dev.concurrencybench.pipeline.server;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.util.Objects;

/**
 * Everything a server needs to start: where to listen, TLS, protocol limits and the model's own knobs.
 * Immutable; build one with {@link #builder()}.
 *
 * <p>Model-specific knobs are plain fields, ignored by the models they do not concern; {@code 0} always means
 * "the model's documented default".
 *
 * @param host              address to bind, e.g. {@code 127.0.0.1} or {@code ::1}
 * @param port              TCP port; 0 picks a free one (see {@link Server#address()})
 * @param backlog           listen backlog (connections the kernel queues before accept)
 * @param maxConnections    connections the server holds open at once (being served, idle, or queued for a thread);
 *                          what happens to one more is the model's documented choice,
 *                          {@link ServerProvider#atMaxConnections()}. The same number for every model
 *                          (default {@value #DEFAULT_MAX_CONNECTIONS})
 * @param tls               TLS settings, or {@link TlsSettings#off()}
 * @param limits            request-size limits and timeouts
 * @param stageTiming       whether per-stage histograms are recorded (off removes even the clock reads)
 * @param poolThreads       thread-pool model: platform worker threads (default 200)
 * @param loops             event-loop model: independent selector loops sharing the port (default 1)
 * @param offloadCpuThreads event-loop model: worker threads for CPU work (default 0: CPU work runs on the loop)
 * @param eventLoopThreads  reactive model: Netty event-loop threads (default: available processors)
 * @param shutdownGraceMillis how long {@link Server#close()} waits for in-flight requests, in milliseconds
 * @param injectDelayMicros busy-spin this many µs in the process stage of every request (0, the default: off); a
 *                          known slowdown for testing a regression gate ({@code bench gate-check}), never for a
 *                          real measurement
 */
public record ServerConfig(
        String host,
        int port,
        int backlog,
        int maxConnections,
        TlsSettings tls,
        HttpLimits limits,
        boolean stageTiming,
        int poolThreads,
        int loops,
        int offloadCpuThreads,
        int eventLoopThreads,
        long shutdownGraceMillis,
        long injectDelayMicros) {

    /**
     * 16,384: the {@code idle-10k} scenario's 10,000 idle connections plus its measured clients fit with room to
     * spare, and it stays below the descriptors a JVM gets on Linux (the JDK raises the soft limit to the hard one,
     * {@code -XX:+MaxFDLimit}), so an overloaded server answers with its documented choice instead of failing
     * accept() on EMFILE.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 16_384;
    /** More than this is a typo, not a plan: each connection is at least one descriptor and a socket buffer. */
    public static final int MAX_MAX_CONNECTIONS = 1_048_576;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (backlog < 1) throw new IllegalArgumentException("backlog must be >= 1, was " + backlog);
        if (maxConnections < 1 || maxConnections > MAX_MAX_CONNECTIONS) {
            throw new IllegalArgumentException("max connections must be 1.." + MAX_MAX_CONNECTIONS + ", was " + maxConnections);
        }
        if (poolThreads < 0 || loops < 0 || offloadCpuThreads < 0 || eventLoopThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0");
        }
        if (shutdownGraceMillis < 0) throw new IllegalArgumentException("shutdownGraceMillis must be >= 0");
        if (injectDelayMicros < 0 || injectDelayMicros > 1_000_000) {
            throw new IllegalArgumentException("injected delay must be 0..1000000 µs, was " + injectDelayMicros);
        }
    }

    /** Defaults: loopback, port 0, backlog 1024, 16,384 connections, plaintext, default limits, stage timing on, model defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).backlog(backlog).maxConnections(maxConnections).tls(tls).limits(limits)
                .stageTiming(stageTiming).poolThreads(poolThreads).loops(loops)
                .offloadCpuThreads(offloadCpuThreads).eventLoopThreads(eventLoopThreads)
                .shutdownGraceMillis(shutdownGraceMillis).injectDelayMicros(injectDelayMicros);
    }

    /** Thread-pool size, or its default (200) when unset. */
    public int poolThreadsOrDefault() {
        return poolThreads == 0 ? 200 : poolThreads;
    }

    /** Event-loop count, or its default (1) when unset. */
    public int loopsOrDefault() {
        return loops == 0 ? 1 : loops;
    }

    /** Reactive event-loop count, or its default (available processors) when unset. */
    public int eventLoopThreadsOrDefault() {
        return eventLoopThreads == 0 ? Runtime.getRuntime().availableProcessors() : eventLoopThreads;
    }

    /** Mutable builder for {@link ServerConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private int backlog = 1024;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private TlsSettings tls = TlsSettings.off();
        private HttpLimits limits = HttpLimits.defaults();
        private boolean stageTiming = true;
        private int poolThreads;
        private int loops;
        private int offloadCpuThreads;
        private int eventLoopThreads;
        private long shutdownGraceMillis = 5_000;
        private long injectDelayMicros;

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder backlog(int v) { backlog = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder tls(TlsSettings v) { tls = v; return this; }
        public Builder limits(HttpLimits v) { limits = v; return this; }
        public Builder stageTiming(boolean v) { stageTiming = v; return this; }
        public Builder poolThreads(int v) { poolThreads = v; return this; }
        public Builder loops(int v) { loops = v; return this; }
        public Builder offloadCpuThreads(int v) { offloadCpuThreads = v; return this; }
        public Builder eventLoopThreads(int v) { eventLoopThreads = v; return this; }
        public Builder shutdownGraceMillis(long v) { shutdownGraceMillis = v; return this; }
        public Builder injectDelayMicros(long v) { injectDelayMicros = v; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, backlog, maxConnections, tls, limits, stageTiming, poolThreads, loops,
                    offloadCpuThreads, eventLoopThreads, shutdownGraceMillis, injectDelayMicros);
        }
    }
}

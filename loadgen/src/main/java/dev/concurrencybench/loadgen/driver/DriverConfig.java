package dev.concurrencybench.loadgen.driver;

import java.util.List;
import java.util.Objects;

/**
 * Everything one driver run needs. Immutable.
 *
 * @param target              where to send
 * @param templates           the request mix, at least one
 * @param mode                open loop (keep-alive or connection per request) or closed loop
 * @param ratePerSecond       target rate in requests per second (open loop; ignored by closed loop)
 * @param poisson             Poisson arrivals instead of a constant rate (open loop)
 * @param connections         keep-alive connections, or the cap on concurrent connections per request
 * @param pipelineDepth       requests in flight per connection (1 = no pipelining)
 * @param warmupNanos         warm-up before the measurement, in nanoseconds; its results are discarded
 * @param durationNanos       measurement length, in nanoseconds
 * @param timeoutNanos        a request unanswered this long after it was sent counts as a timeout, nanoseconds
 * @param bodyCheckEvery      check the body of one response in this many per connection (1 = every one)
 * @param ioThreads           driver loop threads, each owning a share of the connections and of the rate (1 is
 *                            enough for tens of thousands of requests per second)
 * @param seed                seed of the mix choice and Poisson gaps
 */
public record DriverConfig(Target target, List<RequestTemplate> templates, Mode mode, double ratePerSecond,
                           boolean poisson, int connections, int pipelineDepth, long warmupNanos,
                           long durationNanos, long timeoutNanos, int bodyCheckEvery, int ioThreads, long seed) {

    /** How requests are issued. */
    public enum Mode {
        /** Intended send times on a schedule, a fixed set of keep-alive connections. */
        OPEN_KEEP_ALIVE,
        /** Intended send times on a schedule, a new connection (and TLS handshake) per request, measured. */
        OPEN_CONNECTION_PER_REQUEST,
        /** Each connection sends its next request as soon as a response arrives: maximum throughput. */
        CLOSED_LOOP
    }

    public DriverConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        templates = List.copyOf(templates);
        if (templates.isEmpty()) throw new IllegalArgumentException("at least one request template is needed");
        if (mode != Mode.CLOSED_LOOP && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0 requests/s, was " + ratePerSecond);
        }
        if (connections < 1) throw new IllegalArgumentException("connections must be >= 1, was " + connections);
        if (pipelineDepth < 1) throw new IllegalArgumentException("pipeline depth must be >= 1, was " + pipelineDepth);
        if (mode == Mode.OPEN_CONNECTION_PER_REQUEST && pipelineDepth != 1) {
            throw new IllegalArgumentException("pipelining needs keep-alive connections");
        }
        if (warmupNanos < 0) throw new IllegalArgumentException("warm-up must be >= 0");
        if (durationNanos <= 0) throw new IllegalArgumentException("duration must be > 0");
        if (timeoutNanos <= 0) throw new IllegalArgumentException("timeout must be > 0");
        if (bodyCheckEvery < 1) throw new IllegalArgumentException("bodyCheckEvery must be >= 1");
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be >= 1");
    }

    /** Sensible defaults for an open keep-alive run; change fields with the record's {@code with} helpers. */
    public static DriverConfig openLoop(Target target, List<RequestTemplate> templates, double ratePerSecond,
                                        int connections, long warmupNanos, long durationNanos) {
        return new DriverConfig(target, templates, Mode.OPEN_KEEP_ALIVE, ratePerSecond, false, connections, 1,
                warmupNanos, durationNanos, 10_000_000_000L, 16, 1, 42);
    }

    public DriverConfig withMode(Mode m) {
        return new DriverConfig(target, templates, m, ratePerSecond, poisson, connections, pipelineDepth,
                warmupNanos, durationNanos, timeoutNanos, bodyCheckEvery, ioThreads, seed);
    }

    public DriverConfig withPoisson(boolean p) {
        return new DriverConfig(target, templates, mode, ratePerSecond, p, connections, pipelineDepth,
                warmupNanos, durationNanos, timeoutNanos, bodyCheckEvery, ioThreads, seed);
    }

    public DriverConfig withPipelineDepth(int d) {
        return new DriverConfig(target, templates, mode, ratePerSecond, poisson, connections, d,
                warmupNanos, durationNanos, timeoutNanos, bodyCheckEvery, ioThreads, seed);
    }

    public DriverConfig withTimeoutNanos(long t) {
        return new DriverConfig(target, templates, mode, ratePerSecond, poisson, connections, pipelineDepth,
                warmupNanos, durationNanos, t, bodyCheckEvery, ioThreads, seed);
    }

    public DriverConfig withRate(double r) {
        return new DriverConfig(target, templates, mode, r, poisson, connections, pipelineDepth,
                warmupNanos, durationNanos, timeoutNanos, bodyCheckEvery, ioThreads, seed);
    }
}

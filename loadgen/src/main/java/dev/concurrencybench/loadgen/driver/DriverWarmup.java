package dev.concurrencybench.loadgen.driver;

import dev.concurrencybench.loadgen.responder.BenchResponder;
import java.io.IOException;
import java.util.List;

/**
 * The driver warms itself: a few seconds of load against an in-process {@link BenchResponder}, discarded, so
 * that the JIT has compiled the driver's hot path before the first measurement (otherwise the first server
 * measured pays for the compiler, which shares the driver's CPU).
 *
 * <p>The JIT compiles what it saw: a branch never taken while warming up is compiled as a trap, and taking it in
 * a measurement throws the compiled loop away (deoptimisation, then a recompilation on the driver's CPU). So the
 * phases take the paths measurements take: one request class and a weighted mix, constant and Poisson schedules,
 * many connections at a high rate with announced closes (re-sends), pipelined connections that are all busy at
 * times (requests waiting for room), a slow rate (the loop sleeping in {@code select} between sends), sampled
 * body checks, and the caller's interval listener.
 */
public final class DriverWarmup {

    private DriverWarmup() {
    }

    /**
     * Warms the driver for about {@code nanos} nanoseconds (at least one second).
     *
     * @param nanos    total time of the warm-up
     * @param listener receives the warm-up's intervals: pass the kind of listener the measurements will have (the
     *                 files and the live line), so that path is compiled too; or null
     * @return requests answered
     */
    public static long run(long nanos, Interval.Listener listener) throws IOException {
        long total = Math.max(nanos, 1_000_000_000L);
        long answered = 0;
        try (BenchResponder responder = BenchResponder.start(0, 500)) {
            Target target = Target.parse("http://127.0.0.1:" + responder.port() + "/plaintext");
            RequestTemplate plaintext = RequestTemplate.http("plaintext", 9, "GET", target.hostHeader(), "/plaintext",
                    null, 200, "Hello, World!", null);
            RequestTemplate json = RequestTemplate.http("json", 1, "GET", target.hostHeader(), "/json", null, 200,
                    null, "message");
            List<RequestTemplate> one = List.of(plaintext);
            List<RequestTemplate> mix = List.of(plaintext, json);
            List<Phase> phases = List.of(
                    new Phase(10_000, false, 16, 1, one, 3),
                    new Phase(10_000, true, 2, 4, mix, 2),
                    new Phase(2_000, false, 16, 1, one, 4),
                    new Phase(2_000, true, 4, 2, mix, 1),
                    new Phase(200, false, 4, 1, one, 1));
            int shares = phases.stream().mapToInt(Phase::share).sum();
            long seed = 43;
            for (Phase p : phases) {
                DriverConfig c = new DriverConfig(target, p.templates(), DriverConfig.Mode.OPEN_KEEP_ALIVE, p.rate(),
                        p.poisson(), p.connections(), p.pipeline(), 0, total * p.share() / shares, 10_000_000_000L,
                        16, 1, seed++);
                // short intervals: taking one, and deciding when to, are paths too
                answered += PreciseDriver.run(c, listener, WARMUP_INTERVAL_NANOS).counts().completed();
            }
        }
        // a sampled body is checked once in 16 responses: too rarely for the JIT to have compiled the comparison
        Templates t = new Templates(List.of(RequestTemplate.http("plaintext", 1, "GET", "h", "/plaintext", null, 200,
                "Hello, World!", null), RequestTemplate.http("json", 1, "GET", "h", "/json", null, 200, null, "message")));
        byte[] plain = "Hello, World!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] json = "{\"message\":\"Hello, World!\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < BODY_CHECKS; i++) {
            if (t.checkBody(0, plain, plain.length, plain.length) != null || t.checkBody(1, json, json.length, json.length) != null) {
                throw new IllegalStateException("body check warm-up failed");
            }
        }
        return answered;
    }

    /** Body checks run directly in the warm-up. */
    static final int BODY_CHECKS = 20_000;

    /** Intervals of the warm-up. */
    static final long WARMUP_INTERVAL_NANOS = 20_000_000L;

    /** One phase of the warm-up and its share of the time. */
    private record Phase(double rate, boolean poisson, int connections, int pipeline, List<RequestTemplate> templates,
                         int share) {
    }
}

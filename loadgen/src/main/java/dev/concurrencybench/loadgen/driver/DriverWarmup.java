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
        long fast = total * 6 / 10;
        long piped = total * 3 / 10;
        long slow = total - fast - piped;
        long answered = 0;
        try (BenchResponder responder = BenchResponder.start(0, 500)) {
            Target target = Target.parse("http://127.0.0.1:" + responder.port() + "/plaintext");
            RequestTemplate plaintext = RequestTemplate.http("plaintext", 9, "GET", target.hostHeader(), "/plaintext",
                    null, 200, "Hello, World!", null);
            RequestTemplate json = RequestTemplate.http("json", 1, "GET", target.hostHeader(), "/json", null, 200,
                    null, "message");
            DriverConfig base = DriverConfig.openLoop(target, List.of(plaintext), 10_000, 16, 0, fast);
            answered += PreciseDriver.run(base, listener).counts().completed();
            answered += PreciseDriver.run(new DriverConfig(target, List.of(plaintext, json),
                    DriverConfig.Mode.OPEN_KEEP_ALIVE, 10_000, true, 2, 4, 0, piped, base.timeoutNanos(),
                    base.bodyCheckEvery(), 1, 43), listener).counts().completed();
            answered += PreciseDriver.run(new DriverConfig(target, List.of(plaintext),
                    DriverConfig.Mode.OPEN_KEEP_ALIVE, 200, false, 4, 1, 0, slow, base.timeoutNanos(),
                    base.bodyCheckEvery(), 1, 44), listener).counts().completed();
        }
        return answered;
    }
}

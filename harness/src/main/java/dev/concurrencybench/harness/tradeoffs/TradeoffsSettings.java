package dev.concurrencybench.harness.tradeoffs;

import java.time.Duration;
import java.util.List;

/**
 * The sizes of a {@code bench tradeoffs} run. {@link #full()} fits in about 12 minutes on a 2-core machine;
 * {@link #smoke()} is a smoke run of the same steps with tiny counts, which proves the plumbing and nothing else.
 *
 * @param quick             whether this is the smoke version (said in every output)
 * @param idleConnections   idle keep-alive connection counts for the memory row
 * @param parkedThreads     parked threads per kind for the stack-versus-heap figure
 * @param warmup            discarded warm-up per fixed-rate measurement
 * @param duration          measurement per fixed-rate run and per sweep step
 * @param switchRate        plaintext rate of the context-switch run, requests/s
 * @param cpuRate           offered heavy work-cpu rate, requests/s: above one core's capacity, so achieved = capacity,
 *                          and below the driver's busy-poll threshold, so it leaves the second core to the server
 * @param cpuIterations     SHA-256 rounds per heavy work-cpu request (milliseconds of CPU each)
 * @param sweepWarmup       discarded warm-up per sweep step
 * @param sweepDuration     measurement per sweep step
 * @param ioStartRate       first rate of the work-io sweep, requests/s
 * @param ioSteps           most steps of the work-io sweep (each ×2)
 * @param ioConnections     connections of the work-io sweep (Little's law needs rate × 10 ms of them in flight)
 * @param ioSlo             the sweep's SLO on corrected P99
 * @param blockingRate      rate of both blocking-penalty runs, requests/s, or 0 for the scenario's own
 * @param jmhOptions        JMH options for the hand-off benchmarks
 */
public record TradeoffsSettings(boolean quick, List<Integer> idleConnections, int parkedThreads, Duration warmup,
                                Duration duration, double switchRate, double cpuRate, long cpuIterations, Duration sweepWarmup,
                                Duration sweepDuration, double ioStartRate, int ioSteps,
                                int ioConnections, Duration ioSlo, double blockingRate, List<String> jmhOptions) {

    /** Sized for the figures: finishes in about 12 minutes on 2 cores. */
    public static TradeoffsSettings full() {
        return new TradeoffsSettings(false, List.of(1_000, 10_000), 10_000, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2_000, 400, 100_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 500, 7, 512,
                Duration.ofMillis(50), 0,
                List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s"));
    }

    /** Tiny counts and sub-second phases: plumbing, not figures. */
    public static TradeoffsSettings smoke() {
        return new TradeoffsSettings(true, List.of(20, 50), 200, Duration.ofMillis(500), Duration.ofSeconds(1), 200,
                200, 200, Duration.ofMillis(500), Duration.ofSeconds(1), 100, 1, 8, Duration.ofMillis(50), 200,
                List.of("-f", "1", "-wi", "0", "-i", "1", "-r", "200ms"));
    }
}

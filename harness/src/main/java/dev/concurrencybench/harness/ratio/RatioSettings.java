package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.peers.Peer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@code bench ratio} sitting measures. Validated on construction: a bad value is an
 * {@link IllegalArgumentException} with a one-line message naming the flag.
 *
 * @param servers            model ids, in the order each round measures them (nginx always comes first)
 * @param forks              fresh sets of server JVMs, one after another, each warmed up and measured for
 *                           {@code rounds} rounds (JMH's forks: a JVM instance's JIT and layout luck then weighs on
 *                           one fork, not on the whole sitting)
 * @param rounds             interleaved rounds per fork (every server once per round, in order)
 * @param durationSeconds    one wrk run, whole seconds
 * @param warmupSeconds      discarded wrk run per server and endpoint before the rounds, whole seconds (0: none)
 * @param rate               fixed rate of the CPU measurement, requests/s
 * @param cpuDurationSeconds one CPU measurement (after 1 s of warm-up at the same rate), whole seconds
 * @param connections        wrk's and the precise driver's keep-alive connections
 * @param tls                also measure {@code /json} over TLS
 * @param stageTimingCost    also run every model a second time with stage timing on (and a stage log), right after
 *                           the same model without it in every round, to measure what the timing costs
 * @param peers              also run each model's production peer ({@link Peer}), right after the model (and its
 *                           twin) in every round
 */
public record RatioSettings(List<String> servers, int forks, int rounds, int durationSeconds, int warmupSeconds, double rate,
                            int cpuDurationSeconds, int connections, boolean tls, boolean stageTimingCost,
                            boolean peers) {

    /** Appended to a model's name for its stage-timed twin, e.g. {@code virtual+timing}. */
    public static final String TIMED = "+timing";

    /** The defaults of the method: 3 rounds of 10 s, 5 s warm-up, 20,000 req/s, 64 connections. */
    public static final int DEFAULT_ROUNDS = 3;

    public RatioSettings {
        if (servers.isEmpty()) throw new IllegalArgumentException("--servers: name at least one model");
        if (servers.contains("nginx")) {
            throw new IllegalArgumentException("--servers: nginx is always measured, as the reference; name models only");
        }
        if (forks < 1) throw new IllegalArgumentException("--forks must be >= 1");
        if (forks > 20) throw new IllegalArgumentException("--forks must be <= 20");
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be >= 1");
        if (rounds > 99) throw new IllegalArgumentException("--rounds must be <= 99");
        if (durationSeconds < 1) throw new IllegalArgumentException("--duration must be at least 1s (wrk counts whole seconds)");
        if (warmupSeconds < 0) throw new IllegalArgumentException("--warmup must be >= 0");
        if (!(rate > 0)) throw new IllegalArgumentException("--rate must be > 0 requests/s");
        if (cpuDurationSeconds < 1) throw new IllegalArgumentException("--cpu-duration must be at least 1s");
        if (connections < 1) throw new IllegalArgumentException("--connections must be >= 1");
        servers = List.copyOf(servers);
    }

    /**
     * Whole seconds of a duration given in nanoseconds; wrk takes whole seconds, so a fraction is refused rather
     * than silently rounded.
     *
     * @param flag for the message, e.g. {@code --duration}
     */
    public static int wholeSeconds(String flag, long nanos) {
        if (nanos % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(flag + " must be whole seconds (wrk's unit), e.g. 10s");
        }
        long s = nanos / 1_000_000_000L;
        if (s > 3600) throw new IllegalArgumentException(flag + " must be at most 1h");
        return (int) s;
    }

    /** The endpoints measured, in order. */
    public List<Endpoint> endpoints() {
        List<Endpoint> e = new ArrayList<>(List.of(Endpoint.PLAINTEXT, Endpoint.JSON));
        if (tls) e.add(Endpoint.JSON_TLS);
        return e;
    }

    /** Every server measured, nginx first, each model's stage-timed twin and then its peer right after it. */
    public List<String> contenders() {
        List<String> all = new ArrayList<>();
        all.add(RatioResults.NGINX);
        for (String s : servers) {
            all.add(s);
            if (stageTimingCost) all.add(s + TIMED);
            Peer peer = peerOf(s);
            if (peer != null) all.add(peer.id());
        }
        return all;
    }

    /** The production peer measured beside model {@code model}, or null (none asked for, or the model has none). */
    public Peer peerOf(String model) {
        return peers ? Peer.ofModel(model) : null;
    }

    /** Rounds measured per server and endpoint in all: forks × rounds. */
    public int totalRounds() {
        return forks * rounds;
    }

    /** Roughly how long the sitting takes, seconds (server start-ups not counted). */
    public long estimatedSeconds() {
        long perServerAndEndpoint = warmupSeconds + (long) rounds * (durationSeconds + 1 + cpuDurationSeconds + 1);
        return perServerAndEndpoint * contenders().size() * endpoints().size() * forks;
    }

    /** For ratio.json and run.json. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("servers", servers);
        m.put("forks", forks);
        m.put("rounds", rounds);
        m.put("durationSeconds", durationSeconds);
        m.put("warmupSeconds", warmupSeconds);
        m.put("cpuRate", rate);
        m.put("cpuDurationSeconds", cpuDurationSeconds);
        m.put("cpuWarmupSeconds", 1);
        m.put("connections", connections);
        m.put("tls", tls);
        m.put("stageTimingCost", stageTimingCost);
        m.put("peers", servers.stream().map(this::peerOf).filter(Objects::nonNull).map(Peer::id).toList());
        m.put("endpoints", endpoints().stream().map(Endpoint::id).toList());
        return m;
    }
}

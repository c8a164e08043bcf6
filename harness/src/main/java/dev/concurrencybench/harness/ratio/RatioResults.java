package dev.concurrencybench.harness.ratio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Every round of a sitting, per endpoint and server, and the figures drawn from them: the median over rounds, and
 * the ratio of a server's median to nginx's. A figure that could not be measured is NaN and is left out of medians;
 * a ratio with a NaN side is NaN. Threading: confined to the sitting's thread.
 */
public final class RatioResults {

    /** The reference server's name in tables and JSON. */
    public static final String NGINX = "nginx";

    /**
     * One server's round on one endpoint.
     *
     * @param requestsPerSecond   wrk's closed-loop req/s (NaN: not measured)
     * @param wrkErrors           wrk's socket errors and non-2xx responses
     * @param cpuMicrosPerRequest server CPU µs per completed request at the fixed rate (NaN: not measured)
     * @param achievedRate        the precise driver's achieved rate, req/s (NaN: not measured)
     * @param driverErrors        the precise driver's failed requests
     */
    public record Round(double requestsPerSecond, long wrkErrors, double cpuMicrosPerRequest, double achievedRate,
                        long driverErrors) {
    }

    private final Map<Endpoint, Map<String, List<Round>>> rounds = new EnumMap<>(Endpoint.class);
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /** Records a round (in order). */
    public void add(Endpoint endpoint, String server, Round round) {
        rounds.computeIfAbsent(endpoint, e -> new LinkedHashMap<>()).computeIfAbsent(server, s -> new ArrayList<>())
                .add(round);
    }

    /** What a server is, e.g. {@code nginx 1.22.1 (1 worker)}; the first description given stays. */
    public void describe(String server, String description) {
        descriptions.putIfAbsent(server, description);
    }

    public Map<String, String> descriptions() {
        return Map.copyOf(descriptions);
    }

    /** A step that failed, one line, e.g. {@code json-tls/reactive round 2: wrk exited with 1}. */
    public void fail(String message) {
        failures.add(message);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The endpoints with any result, in order. */
    public List<Endpoint> endpoints() {
        return List.copyOf(rounds.keySet());
    }

    /** The servers measured on {@code endpoint}, in the order first recorded. */
    public List<String> servers(Endpoint endpoint) {
        return List.copyOf(rounds.getOrDefault(endpoint, Map.of()).keySet());
    }

    /** A server's rounds on an endpoint, in order; empty when none. */
    public List<Round> rounds(Endpoint endpoint, String server) {
        return List.copyOf(rounds.getOrDefault(endpoint, Map.of()).getOrDefault(server, List.of()));
    }

    /** Median closed-loop req/s over the rounds; NaN when none was measured. */
    public double medianRequestsPerSecond(Endpoint endpoint, String server) {
        return median(rounds(endpoint, server).stream().mapToDouble(Round::requestsPerSecond).toArray());
    }

    /** Median CPU µs/request over the rounds; NaN when none was measured. */
    public double medianCpuMicrosPerRequest(Endpoint endpoint, String server) {
        return median(rounds(endpoint, server).stream().mapToDouble(Round::cpuMicrosPerRequest).toArray());
    }

    /** The server's median req/s over nginx's (above 1: faster than nginx). */
    public double throughputRatio(Endpoint endpoint, String server) {
        return ratio(medianRequestsPerSecond(endpoint, server), medianRequestsPerSecond(endpoint, NGINX));
    }

    /** The server's median CPU µs/request over nginx's (above 1: costlier than nginx). */
    public double cpuRatio(Endpoint endpoint, String server) {
        return ratio(medianCpuMicrosPerRequest(endpoint, server), medianCpuMicrosPerRequest(endpoint, NGINX));
    }

    /**
     * Model {@code model}'s median over its production peer's median on {@code endpoint}: req/s (above 1: the model is
     * faster) or CPU µs/request (above 1: the model is costlier). NaN when either was not measured.
     */
    public double versusPeer(Endpoint endpoint, String model, String peer, boolean cpu) {
        return cpu ? ratio(medianCpuMicrosPerRequest(endpoint, model), medianCpuMicrosPerRequest(endpoint, peer))
                : ratio(medianRequestsPerSecond(endpoint, model), medianRequestsPerSecond(endpoint, peer));
    }

    /**
     * Per round, what stage timing changed for model {@code server} on {@code endpoint}: its stage-timed twin's figure
     * over its own (the two are measured back to back in each round), minus 1. NaN for a round missing either side.
     *
     * @param cpu CPU µs/request when true (positive: costlier), closed-loop req/s when false (negative: slower)
     */
    public double[] stageTimingChanges(Endpoint endpoint, String server, boolean cpu) {
        ToDoubleFunction<Round> f = cpu ? Round::cpuMicrosPerRequest : Round::requestsPerSecond;
        List<Round> off = rounds(endpoint, server);
        List<Round> on = rounds(endpoint, server + RatioSettings.TIMED);
        double[] changes = new double[Math.min(off.size(), on.size())];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = ratio(f.applyAsDouble(on.get(i)), f.applyAsDouble(off.get(i))) - 1;
        }
        return changes;
    }

    /** Median of the values that are not NaN (mean of the middle two for an even count); NaN when there are none. */
    public static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** {@code a / b}; NaN when either is NaN or {@code b} is not positive. */
    public static double ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || !(b > 0)) return Double.NaN;
        return a / b;
    }
}

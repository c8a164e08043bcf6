package dev.concurrencybench.report.compare;

import java.util.List;

/**
 * The comparison of one server × scenario cell present on both sides (an entry of {@code compare.json}'s
 * {@code cells}).
 *
 * @param key                  {@code <server>/<scenario>} (plus {@code /rate-<R>} for sweep steps)
 * @param server               server id
 * @param scenario             scenario name
 * @param targetRate           requests per second, the same on both sides
 * @param baseRepetitions      repetitions in the baseline
 * @param candidateRepetitions repetitions in the candidate
 * @param baseRequests         latency samples in the baseline, all repetitions
 * @param candidateRequests    latency samples in the candidate
 * @param invalidReasons       why either side is an invalid measurement ("base: …", "candidate: …"); empty if valid
 * @param metrics              one result per metric (CPU and RSS only when both sides have server metrics);
 *                             every verdict INVALID when {@code invalidReasons} is not empty
 */
public record CellResult(String key, String server, String scenario, double targetRate, int baseRepetitions,
                         int candidateRepetitions, long baseRequests, long candidateRequests,
                         List<String> invalidReasons, List<MetricResult> metrics) {

    public CellResult {
        invalidReasons = List.copyOf(invalidReasons);
        metrics = List.copyOf(metrics);
    }

    public boolean valid() {
        return invalidReasons.isEmpty();
    }
}

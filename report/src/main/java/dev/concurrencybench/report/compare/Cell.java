package dev.concurrencybench.report.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * One server × scenario of a results folder with its repetitions. Immutable.
 *
 * @param key         the cell's path inside the results folder: {@code <server>/<scenario>} (plus
 *                    {@code /rate-<R>} for a sweep step)
 * @param server      server id
 * @param scenario    scenario name
 * @param targetRate  requests per second asked for
 * @param repetitions one or more
 */
public record Cell(String key, String server, String scenario, double targetRate, List<Repetition> repetitions) {

    public Cell {
        repetitions = List.copyOf(repetitions);
    }

    /** Why the cell cannot be trusted (each reason prefixed by its repetition when there are several); empty if valid. */
    public List<String> invalidReasons() {
        List<String> out = new ArrayList<>();
        for (Repetition r : repetitions) {
            if (!r.summary().valid()) {
                List<String> why = r.summary().invalidReasons() == null || r.summary().invalidReasons().isEmpty()
                        ? List.of("marked invalid") : r.summary().invalidReasons();
                for (String w : why) {
                    out.add(repetitions.size() > 1 ? r.name() + ": " + w : w);
                }
            }
        }
        return out;
    }

    /** Latency samples over every repetition. */
    public long requests() {
        long n = 0;
        for (Repetition r : repetitions) {
            n += r.requests();
        }
        return n;
    }

    /** Whether every repetition carries server-side metrics (not so for {@code bench load} of a foreign server). */
    public boolean hasServerMetrics() {
        return repetitions.stream().allMatch(r -> r.summary().serverMetrics() != null);
    }
}

package dev.concurrencybench.report.compare;

import dev.concurrencybench.report.results.Summary;
import java.util.List;

/**
 * One repetition of a server × scenario cell (one server JVM, one warm-up, one measurement): its summary and
 * its corrected-latency interval histograms in time order. Immutable.
 *
 * @param name      {@code rep-<i>}, or {@code single} for a run without repetitions
 * @param summary   its summary.json
 * @param intervals its 1 s interval histograms of corrected latency, µs
 */
public record Repetition(String name, Summary summary, List<IntervalCounts> intervals) {

    public Repetition {
        intervals = List.copyOf(intervals);
    }

    /** Latency samples in the intervals. */
    public long requests() {
        long n = 0;
        for (IntervalCounts c : intervals) {
            n += c.total();
        }
        return n;
    }
}

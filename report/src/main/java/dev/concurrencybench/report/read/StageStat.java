package dev.concurrencybench.report.read;

import dev.concurrencybench.report.results.Percentiles;

/**
 * One stage of a server's own timing in one measurement: its percentiles (µs, from the merged {@code stages.hlog}
 * intervals of the measurement window), or why there are none.
 *
 * @param stage          the tag in {@code stages.hlog}: accept, queue, read, handshake, decrypt, parse, decode,
 *                       process, write, total
 * @param percentiles    µs, or null when the stage has no samples
 * @param absentReason   why there are no samples (null when there are)
 * @param notObservable  true when the model cannot observe this stage at all (as opposed to a stage this scenario
 *                       does not exercise, such as decrypt without TLS)
 */
public record StageStat(String stage, Percentiles percentiles, String absentReason, boolean notObservable) {

    public boolean present() {
        return percentiles != null;
    }
}

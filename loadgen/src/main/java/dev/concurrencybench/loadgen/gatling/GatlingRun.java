package dev.concurrencybench.loadgen.gatling;

import java.util.List;

/**
 * What one Gatling run produced. Immutable once built.
 *
 * @param dir              the cell's {@code gatling/} folder (HTML report, simulation.log, latency files)
 * @param latency          histograms and counts of the measurement window
 * @param wallSeconds      wall time of the Gatling JVM, start to exit (JIT, report generation included), s
 * @param peakRssBytes     the Gatling JVM's peak resident set ({@code VmHWM}, sampled each second), bytes; 0 if
 *                         unknown
 * @param exitCode         Gatling's exit code (0, or 2 when assertions failed)
 * @param assertionsPassed Gatling's own verdict on the SLO assertions (over its whole run, warm-up included), or
 *                         null when the scenario has no SLO
 * @param jvmFlags         the Gatling JVM's flags
 */
public record GatlingRun(java.nio.file.Path dir, GatlingLatency latency, double wallSeconds, long peakRssBytes,
                         int exitCode, Boolean assertionsPassed, List<String> jvmFlags) {
}

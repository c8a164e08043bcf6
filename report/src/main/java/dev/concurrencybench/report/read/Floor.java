package dev.concurrencybench.report.read;

import dev.concurrencybench.report.results.Summary;

/**
 * The driver's own floor recorded in {@code run.json} ({@code "floor"}): its latency against a server that costs
 * nothing. A difference between servers smaller than this is not a finding. Immutable.
 *
 * @param instrument what served the floor measurement (e.g. nginx)
 * @param summary    its summary (server {@code floor}), µs
 */
public record Floor(String instrument, Summary summary) {
}

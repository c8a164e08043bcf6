/**
 * The results model: what a run leaves on disk, as DESIGN.md lays out. {@code run.json} per run
 * ({@link dev.concurrencybench.report.results.RunRecord}, {@link dev.concurrencybench.report.results.Environment});
 * per server×scenario {@code summary.json} ({@link dev.concurrencybench.report.results.Summary}, with the optional
 * {@link dev.concurrencybench.report.results.DriverHealth}) beside
 * {@code latency.hlog} (tags {@code corrected}, {@code uncorrected}, {@code lag}, {@code corrected.<class>}) and
 * {@code latency.hgrm}. Latencies in microseconds throughout. Nothing here produces load or talks to a server.
 */
package dev.concurrencybench.report.results;

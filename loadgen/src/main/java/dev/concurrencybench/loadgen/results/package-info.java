/**
 * What a run leaves on disk, as DESIGN.md lays out: {@code run.json} per run; per server×scenario
 * {@code latency.hlog} (tags {@code corrected}, {@code uncorrected}, {@code lag}, {@code corrected.<class>}),
 * {@code latency.hgrm}, {@code summary.json}; and the validity rule that marks a run trustworthy or not.
 */
package dev.concurrencybench.loadgen.results;

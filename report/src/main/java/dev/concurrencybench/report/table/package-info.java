/**
 * The report's tables as plain data (header + rows of strings), built once from
 * {@link dev.concurrencybench.report.read.RunResults} and rendered by both the HTML and the Markdown report, so the
 * two always say the same thing. Latency columns in µs, from merged histograms. Stateless builders.
 */
package dev.concurrencybench.report.table;

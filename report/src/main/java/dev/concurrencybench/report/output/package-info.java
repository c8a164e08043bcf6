/**
 * Writing a run's report: {@link dev.concurrencybench.report.output.ReportFiles} reads a results folder (and an
 * optional baseline) and writes {@code report.html} and {@code report.md}, each atomically, touching nothing else.
 */
package dev.concurrencybench.report.output;

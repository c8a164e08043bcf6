/**
 * {@code report.md}: GitHub-flavoured Markdown of a run for a CI job summary — the same tables as the HTML report
 * (per scenario, stages, sweeps, environment, command), ▲▼ "baseline → now" columns when a baseline is given, and
 * a link to {@code report.html} for the charts. Deterministic: the same folder gives the same bytes.
 */
package dev.concurrencybench.report.markdown;

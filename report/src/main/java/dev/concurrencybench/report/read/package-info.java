/**
 * Reading a results folder for a report: {@link dev.concurrencybench.report.read.ResultsFolder} walks
 * {@code run.json} and every server×scenario cell (precise, Gatling, sweep steps), and reads each
 * {@code latency.hlog} and {@code stages.hlog} through HdrHistogram's own {@code HistogramLogReader}, merging interval
 * histograms rather than re-deriving percentiles from a table. Latencies in microseconds throughout. Reading never
 * writes anything; a folder it cannot read is a {@link dev.concurrencybench.report.read.ResultsException} with a
 * one-line message, and a folder with holes is read with the holes named.
 */
package dev.concurrencybench.report.read;

/**
 * The load generator of concurrency-bench: what produces latency histograms. The precise open-loop driver
 * ({@code .driver}), declarative scenarios ({@code .scenario}), and what a driver run writes ({@code .output}:
 * {@code .hlog}/{@code .hgrm} files, the live line, the summary and the validity rule). Orchestration of whole
 * runs lives in the {@code harness} module; the results model in {@code report}.
 */
package dev.concurrencybench.loadgen;

/**
 * Runs the {@code microbench} module's JMH benchmarks in a child JVM and finds their JSON results: shared by
 * {@code bench microbench} and {@code bench tradeoffs} (which reads the hand-off figures).
 */
package dev.concurrencybench.harness.microbench;

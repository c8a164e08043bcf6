/**
 * JMH benchmarks that put numbers on the seed article's trade-off table: what each pipeline stage costs on real
 * bytes ({@code stage}), what it costs to hand work from one thread to another in each concurrency model
 * ({@code handoff}, the table's "context switch" row) and what a thread costs to create ({@code creation}).
 *
 * <p>Benchmarks are not tests: they are run by {@code ./bench microbench}, never by {@code ./bench test}. Each file
 * measures one concept and opens with the measurement pitfall it avoids, in the style of the JMH samples.
 */
package dev.concurrencybench.microbench;

/**
 * The process stage: {@link dev.concurrencybench.pipeline.process.RequestProcessor} implements the endpoints; a
 * {@link dev.concurrencybench.pipeline.process.WaitStrategy} lets each model wait in its own idiom.
 */
package dev.concurrencybench.pipeline.process;

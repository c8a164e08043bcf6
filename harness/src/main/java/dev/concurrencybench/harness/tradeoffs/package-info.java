/**
 * {@code bench tradeoffs}: the seed article's trade-off table, measured on this machine for the four models. Each row
 * is measured with the suite's own orchestration ({@code harness.run}: server processes, the precise driver,
 * {@code /proc} sampling, sweeps) or with the {@code microbench} module's JMH figures, and printed beside the article's
 * claim, quoted as written. Nothing here drives load or starts servers in its own way.
 */
package dev.concurrencybench.harness.tradeoffs;

/**
 * Run orchestration: launch each server as its own JVM with identical flags (pinned with {@code taskset}),
 * wait for it, verify its responses, warm up, measure, sample it, stop it cleanly — also on Ctrl-C — and
 * write the results; plus the rate sweep.
 */
package dev.concurrencybench.harness.run;

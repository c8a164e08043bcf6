/**
 * Run orchestration behind the {@code bench} CLI: starting each server as its own pinned JVM and verifying it
 * ({@code .run}), sampling it from {@code /proc} and its GC log ({@code .proc}), and driving runs and sweeps with
 * the {@code loadgen} drivers into the {@code report} results model.
 */
package dev.concurrencybench.harness;

/**
 * Server-side truth from outside the server: per-second samples of its process from {@code /proc} (CPU time,
 * RSS, threads, context switches), listen-queue overflows from {@code /proc/net/netstat}, and GC pauses from
 * the JVM's unified GC log. Linux only; elsewhere the figures are simply absent.
 */
package dev.concurrencybench.harness.proc;

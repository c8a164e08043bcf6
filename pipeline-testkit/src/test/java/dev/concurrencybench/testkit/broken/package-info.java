/**
 * Deliberately broken servers: {@link dev.concurrencybench.testkit.broken.ReferenceServer}, a small blocking server
 * over the shared pipeline, with one {@link dev.concurrencybench.testkit.broken.Fault} injected at the byte or socket
 * level. Without faults it is the suite's control group; with one, the suite must fail it
 * ({@code BrokenServersTest}).
 */
package dev.concurrencybench.testkit.broken;

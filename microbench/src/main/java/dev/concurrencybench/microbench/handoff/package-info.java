/**
 * Hand-off costs: the time for one thread (platform, virtual, selector loop, Reactor worker) to make another run,
 * reported in ns per one-way hand-off. Every benchmark measures round trips and divides by their hand-offs with
 * {@code @OperationsPerInvocation}, because a one-way latency cannot be timed with one thread's clock.
 */
package dev.concurrencybench.microbench.handoff;

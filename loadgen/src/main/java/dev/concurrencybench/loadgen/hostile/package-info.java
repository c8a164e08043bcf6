/**
 * Hostile background clients: slowloris, slow-body, slow-reader, idle, churn and flood groups that run beside a
 * measurement (a scenario's {@code background}) so that what they cost the measured, normal clients can be
 * measured. All of them share one platform thread and one NIO selector ({@link
 * dev.concurrencybench.loadgen.hostile.BackgroundLoad}): event-driven, a timer heap for the slow ones, no thread
 * per attacking connection, so they stay cheap on the load generator's CPU, which they share with the driver (the
 * validity rule's generator lag still judges every cell). Loopback only, like all load; every group is bounded in
 * connections and rate, and the whole load in time.
 */
package dev.concurrencybench.loadgen.hostile;

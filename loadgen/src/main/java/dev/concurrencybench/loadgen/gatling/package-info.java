/**
 * Gatling as a second driver: one Java-DSL simulation ({@link dev.concurrencybench.loadgen.gatling.BenchSimulation})
 * built from a scenario ({@link dev.concurrencybench.loadgen.gatling.GatlingPlan}), run in a pinned child JVM
 * ({@link dev.concurrencybench.loadgen.gatling.GatlingRunner}), and its binary {@code simulation.log} read
 * ({@link dev.concurrencybench.loadgen.gatling.SimulationLogReader}) into the suite's latency files
 * ({@link dev.concurrencybench.loadgen.gatling.GatlingLatency}) and summary
 * ({@link dev.concurrencybench.loadgen.gatling.GatlingSummary}).
 *
 * <p>Gatling's numbers differ in kind from the precise driver's: whole milliseconds, measured from the actual
 * send (a stall of the load generator itself is invisible), and no cap on connections in the open model. They
 * are labelled as Gatling's everywhere; P99 verdicts use the precise driver. Gatling (its highcharts module is
 * under Gatling's own licence) is a Maven Central dependency, never copied or shaded.
 */
package dev.concurrencybench.loadgen.gatling;

/**
 * Scenarios as data: one JSON file per scenario in the {@code scenarios/} folder at the repository root (users
 * add files there), parsed and validated into {@link dev.concurrencybench.loadgen.scenario.Scenario}.
 */
package dev.concurrencybench.loadgen.scenario;

package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code bench run} (and {@code bench sweep}) is asked to do. Null overrides mean "the scenario's own".
 *
 * @param servers      server ids, in order
 * @param scenarios    scenarios, in order
 * @param rate         target rate override, requests/s, or null
 * @param connections  connection count override, or null
 * @param warmupNanos  discarded warm-up per measurement, ns
 * @param durationNanos measurement length, ns
 * @param tls          force TLS on every scenario
 * @param cpus         CPU pinning
 * @param launcher     how a server JVM is started
 * @param resultsRoot  usually {@code results}
 * @param out          where live lines and the table go
 * @param drivers      which drivers measure each cell, in order (at least one)
 */
public record RunPlan(List<String> servers, List<Scenario> scenarios, Double rate, Integer connections,
                      long warmupNanos, long durationNanos, boolean tls, CpuPlan cpus, ServerLauncher launcher,
                      Path resultsRoot, PrintStream out, List<Driver> drivers) {

    public RunPlan {
        servers = List.copyOf(servers);
        scenarios = List.copyOf(scenarios);
        drivers = List.copyOf(drivers);
        if (drivers.isEmpty()) throw new IllegalArgumentException("at least one driver");
    }

    /** A plan measured by the precise driver only. */
    public RunPlan(List<String> servers, List<Scenario> scenarios, Double rate, Integer connections,
                   long warmupNanos, long durationNanos, boolean tls, CpuPlan cpus, ServerLauncher launcher,
                   Path resultsRoot, PrintStream out) {
        this(servers, scenarios, rate, connections, warmupNanos, durationNanos, tls, cpus, launcher, resultsRoot, out,
                List.of(Driver.PRECISE));
    }

    /** Whether a scenario runs over TLS. */
    public boolean tls(Scenario s) {
        return tls || s.tls();
    }
}

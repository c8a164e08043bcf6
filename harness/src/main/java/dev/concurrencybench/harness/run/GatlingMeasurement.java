package dev.concurrencybench.harness.run;

import dev.concurrencybench.harness.proc.GcLog;
import dev.concurrencybench.harness.proc.ProcSampler;
import dev.concurrencybench.loadgen.gatling.GatlingException;
import dev.concurrencybench.loadgen.gatling.GatlingPlan;
import dev.concurrencybench.loadgen.gatling.GatlingRun;
import dev.concurrencybench.loadgen.gatling.GatlingRunner;
import dev.concurrencybench.loadgen.gatling.GatlingSummary;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One Gatling measurement of a running server, the counterpart of {@link Measurement}: Gatling in its own JVM on
 * the load generator's CPUs, the server sampled from {@code /proc} throughout and its GC log read over the
 * measurement window, everything in the cell's {@code gatling/} folder. A scenario Gatling cannot express is
 * skipped with the reason on the console and in {@code gatling/skipped.txt}.
 */
final class GatlingMeasurement {

    private GatlingMeasurement() {
    }

    /** The Gatling runner of a plan: pinned like the precise driver. */
    static GatlingRunner runner(RunPlan plan) {
        CpuPlan c = plan.cpus();
        boolean pin = c.loadgenCpus() != null && CpuPlan.tasksetAvailable();
        List<String> prefix = pin ? List.of("taskset", "-c", c.loadgenCpus()) : List.of();
        return new GatlingRunner(prefix, pin ? c.loadgenCount() : Runtime.getRuntime().availableProcessors(), plan.out());
    }

    /**
     * @param cellDir the server×scenario folder; Gatling's files go to {@code cellDir/gatling}
     * @return the summary, or null when the scenario was skipped
     * @throws GatlingException when Gatling produced no trustworthy result (no summary is left)
     */
    static Summary run(RunPlan plan, ServerProcess server, Scenario s, double rate, Path cellDir, Path gcLog,
                       String label) throws IOException, GatlingException {
        Path dir = Files.createDirectories(cellDir.resolve("gatling"));
        String unsupported = GatlingPlan.unsupportedReason(s);
        if (unsupported != null) {
            plan.out().println(label + ": gatling skipped: " + unsupported);
            Files.writeString(dir.resolve("skipped.txt"), unsupported + System.lineSeparator());
            return null;
        }
        GatlingPlan gp = GatlingPlan.of(s, "127.0.0.1", server.port(), plan.tls(s), rate, plan.warmupNanos(),
                plan.durationNanos());
        plan.out().printf("%s: gatling, %.0f users/s, warm-up %.0f s, measuring %.0f s (starting a Gatling JVM)%n",
                label, rate, plan.warmupNanos() / 1e9, plan.durationNanos() / 1e9);
        try (ProcSampler sampler = new ProcSampler(server.pid(), dir.resolve("proc.csv"))) {
            GatlingRun run = runner(plan).run(gp, dir, label);
            sampler.sample();
            // Gatling's times are epoch ms; the sampler's and the GC log's are relative to nanoTime
            long nowNanos = System.nanoTime();
            long from = nowNanos - (System.currentTimeMillis() - run.latency().fromEpochMillis()) * 1_000_000;
            long to = from + run.latency().durationMillis() * 1_000_000;
            GcLog.Pauses gc = GcLog.pauses(gcLog, (from - server.launchedNanos()) / 1e9,
                    (to - server.launchedNanos()) / 1e9);
            ServerMetrics metrics = sampler.metrics(from, to, run.latency().ok(), gc);
            Summary summary = GatlingSummary.of(server.id(), s.name(), gp, run, metrics);
            GatlingSummary.write(run, summary);
            return summary;
        }
    }
}

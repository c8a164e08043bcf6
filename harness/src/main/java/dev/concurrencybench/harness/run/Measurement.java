package dev.concurrencybench.harness.run;

import dev.concurrencybench.harness.proc.GcLog;
import dev.concurrencybench.harness.proc.ProcSampler;
import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.loadgen.hostile.BackgroundLoad;
import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import dev.concurrencybench.loadgen.output.DriverHealthWatch;
import dev.concurrencybench.loadgen.output.DriverSummary;
import dev.concurrencybench.loadgen.output.LiveLine;
import dev.concurrencybench.loadgen.output.MeasurementFiles;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.scenario.Slo;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One measurement of a running server: driver (warm-up then measurement) with the server sampled from
 * {@code /proc} throughout, then latency files and {@code summary.json} in {@code dir}. A scenario with background
 * (hostile) clients runs them beside the driver ({@link BackgroundLoad}, started and stopped by the driver) and
 * adds their outcome and the survival checks ({@link HostileChecks}) to the summary.
 */
final class Measurement {

    private Measurement() {
    }

    /**
     * @param plan   the run
     * @param server the running, verified server
     * @param s      the scenario
     * @param rate   target rate, requests/s
     * @param dir    where the files go
     * @param gcLog  the server's GC log
     * @param label  for the live line
     */
    static Summary run(RunPlan plan, ServerProcess server, Scenario s, double rate, Path dir, Path gcLog,
                       String label) throws IOException {
        boolean tls = plan.tls(s);
        Target target = new Target("127.0.0.1", server.port(), tls, s.requests().get(0).path());
        int connections = plan.connections() != null ? plan.connections() : s.connections();
        DriverConfig config = new DriverConfig(target, s.templates(target.hostHeader()),
                s.connectionPerRequest() ? DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST : DriverConfig.Mode.OPEN_KEEP_ALIVE,
                rate, s.poisson(), connections, s.pipeline(), plan.warmupNanos(), plan.durationNanos(),
                10_000_000_000L, 16, 1, 42);
        java.nio.file.Files.createDirectories(dir);
        DriverResult r;
        ServerMetrics metrics;
        HostileChecks checks = null;
        try (ProcSampler sampler = new ProcSampler(server.pid(), dir.resolve("proc.csv"));
             MeasurementFiles files = new MeasurementFiles(dir, new LiveLine(plan.out(), label))) {
            BackgroundLoad background = null;
            if (s.hostile()) {
                if (tls) {
                    throw new IOException("scenario '" + s.name() + "' has background clients, which speak plain HTTP: "
                            + "run it without --tls");
                }
                checks = HostileChecks.before(server, tls, sampler,
                        s.background().stream().anyMatch(g -> !g.kindEnum().rateDriven()));
                background = new BackgroundLoad(s.background(), target.hostHeader(), checks);
                plan.out().println(label + ": background clients: " + String.join(", ",
                        s.background().stream().map(BackgroundGroup::describe).toList()));
            }
            DriverHealthWatch health = new DriverHealthWatch(server.pid(), files);
            r = PreciseDriver.run(config, health, background);
            sampler.sample();
            long from = r.measureStartNanos();
            long to = from + r.measuredNanos();
            GcLog.Pauses gc = GcLog.pauses(gcLog, (from - server.launchedNanos()) / 1e9,
                    (to - server.launchedNanos()) / 1e9);
            metrics = sampler.metrics(from, to, r.counts().completed(), gc);
            Summary summary = Slo.judge(s.slo(), DriverSummary.of(server.id(), s.name(), r, metrics, health.result()));
            if (checks != null) {
                summary = summary.withHostile(checks.finish(background.outcomes()));
                for (String line : HostileLines.of(summary.hostile())) {
                    plan.out().println(label + ": " + line);
                }
            }
            files.finish(r, summary);
            return summary;
        } finally {
            if (checks != null) {
                checks.close();
            }
        }
    }
}

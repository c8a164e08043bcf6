package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.RunRecord;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench sweep}: one scenario at rising rates per server, until P99 exceeds the SLO or the achieved rate
 * falls more than 1 % short. One server JVM per server serves the whole sweep (each step has its own warm-up).
 * Writes {@code <server>/<scenario>/rate-<R>/} per step and {@code <server>/<scenario>/sweep.json} with the
 * latency-versus-throughput curve and the highest rate within the SLO.
 */
public final class Sweep {

    /**
     * One step of the curve.
     *
     * @param targetRate   requests/s asked for
     * @param achievedRate responses/s measured
     * @param p50Micros    corrected P50, µs
     * @param p99Micros    corrected P99, µs
     * @param p999Micros   corrected P99.9, µs
     * @param withinSlo    P99 within the SLO and the rate achieved
     * @param valid        the measurement's validity
     */
    public record Point(double targetRate, double achievedRate, long p50Micros, long p99Micros, long p999Micros,
                        boolean withinSlo, boolean valid) {
    }

    /**
     * The sweep of one server.
     *
     * @param server          server id
     * @param scenario        scenario name
     * @param sloP99Micros    the SLO on corrected P99, µs
     * @param maxRateWithinSlo highest target rate within the SLO, requests/s (0 when none was)
     * @param curve           every step, in order
     */
    public record Result(String server, String scenario, long sloP99Micros, double maxRateWithinSlo, List<Point> curve) {
    }

    private Sweep() {
    }

    /**
     * One step with every driver of the plan, one after the other; the curve follows the first driver given (the
     * precise one unless only Gatling was asked for). A Gatling step that cannot run (unsupported scenario) leaves
     * the precise one standing; a Gatling failure fails the sweep of that server.
     */
    private static Summary step(RunPlan plan, ServerProcess p, Scenario s, double rate, Path stepDir, Path gcLog,
                                String label) throws IOException {
        Summary first = null;
        for (Driver d : plan.drivers()) {
            Summary sum;
            if (d == Driver.PRECISE) {
                sum = Measurement.run(plan, p, s, rate, stepDir, gcLog, label);
            } else {
                try {
                    sum = GatlingMeasurement.run(plan, p, s, rate, stepDir, gcLog, label);
                } catch (dev.concurrencybench.loadgen.gatling.GatlingException e) {
                    throw new IOException("gatling: " + e.getMessage(), e);
                }
                if (sum == null && plan.drivers().size() == 1) {
                    throw new IOException("gatling cannot run scenario '" + s.name() + "' (see gatling/skipped.txt)");
                }
            }
            if (first == null) {
                first = sum;
            }
        }
        return first;
    }

    /**
     * Runs the sweep.
     *
     * @param plan         servers, the one scenario, warm-up and duration per step
     * @param startRate    first rate, requests/s
     * @param factor       each next rate is this times the previous, &gt; 1
     * @param maxSteps     at most this many steps per server
     * @param sloP99Micros SLO on corrected P99, µs
     * @return 0 when every server was swept, 1 otherwise
     */
    public static int run(RunPlan plan, double startRate, double factor, int maxSteps, long sloP99Micros)
            throws IOException {
        boolean selfPinned = plan.cpus().pinSelf();
        Map<String, Object> facts = Orchestrator.facts(plan, "sweep", selfPinned);
        facts.put("startRate", startRate);
        facts.put("factor", factor);
        facts.put("maxSteps", maxSteps);
        facts.put("sloP99Micros", sloP99Micros);
        RunRecord run = RunRecord.create(plan.resultsRoot(), "sweep", facts);
        Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
        Runtime.getRuntime().addShutdownHook(hook);
        Scenario s = plan.scenarios().get(0);
        SelfWarmup.run(plan.out());
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String server : plan.servers()) {
            Path dir = run.dir().resolve(server).resolve(s.name());
            Files.createDirectories(dir);
            boolean tls = plan.tls(s);
            List<Point> curve = new ArrayList<>();
            double best = 0;
            try (ServerProcess p = start(plan, server, s, tls, dir)) {
                double rate = startRate;
                for (int step = 0; step < maxSteps; step++) {
                    String label = server + "/" + s.name() + "@" + Math.round(rate);
                    plan.out().printf("%s: %.0f req/s%n", label, rate);
                    Summary sum = step(plan, p, s, rate, dir.resolve("rate-" + Math.round(rate)),
                            dir.resolve("gc.log"), label);
                    boolean rateOk = sum.achievedRate() >= 0.99 * rate;
                    boolean within = rateOk && sum.latency().p99() <= sloP99Micros;
                    curve.add(new Point(rate, sum.achievedRate(), sum.latency().p50(), sum.latency().p99(),
                            sum.latency().p999(), within, sum.valid()));
                    if (!within) {
                        break;
                    }
                    best = rate;
                    rate = Math.round(rate * factor);
                }
            } catch (IOException | RuntimeException e) {
                failures.add(server + ": " + e.getMessage());
                plan.out().println("FAILED " + server + ": " + e.getMessage());
            }
            Result r = new Result(server, s.name(), sloP99Micros, best, curve);
            Json.write(dir.resolve("sweep.json"), r);
            results.add(r);
        }
        run.put("sweeps", results);
        run.put("failures", failures);
        run.finish(failures.isEmpty() ? "complete" : "failed", failures.isEmpty() ? null : String.join("; ", failures));
        Runtime.getRuntime().removeShutdownHook(hook);
        plan.out().printf("%n%-12s %-22s %22s %12s%n", "server", "scenario", "max req/s within SLO", "P99 there µs");
        for (Result r : results) {
            long p99 = r.curve().stream().filter(pt -> pt.targetRate() == r.maxRateWithinSlo())
                    .mapToLong(Point::p99Micros).findFirst().orElse(0);
            plan.out().printf("%-12s %-22s %22.0f %12d%n", r.server(), r.scenario(), r.maxRateWithinSlo(), p99);
        }
        plan.out().println("results: " + run.dir());
        ClosingReport.write(run.dir(), plan.out());
        return failures.isEmpty() ? 0 : 1;
    }

    private static ServerProcess start(RunPlan plan, String server, Scenario s, boolean tls, Path dir)
            throws IOException {
        int port = ServerProcess.freePort();
        ServerProcess p = ServerProcess.start(server, port,
                plan.launcher().command(server, port, tls, dir.resolve("stages.hlog"), dir.resolve("gc.log")),
                dir.resolve("server.log"));
        try {
            p.awaitReady(tls, 30_000_000_000L);
            ResponseVerifier.verify(port, tls);
            return p;
        } catch (IOException | RuntimeException e) {
            p.stop();
            throw e;
        }
    }
}

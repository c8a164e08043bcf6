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
 * {@code bench run}: for each scenario, for each server (scenario-major, so the models of one scenario are
 * measured close together in time), a fresh server JVM is started, awaited, verified, warmed up, measured and
 * stopped. A failing server×scenario is recorded in its folder ({@code error.txt}) and the run goes on; the run
 * is {@code complete} only when every cell produced its summary. Ctrl-C stops every server (shutdown hook of
 * {@link ServerProcess}) and leaves run.json {@code interrupted}.
 */
public final class Orchestrator {

    private static final long READY_DEADLINE_NANOS = 30_000_000_000L;

    private final RunPlan plan;
    private final List<Summary> summaries = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public Orchestrator(RunPlan plan) {
        this.plan = plan;
    }

    /** run.json entries describing the plan. */
    static Map<String, Object> facts(RunPlan plan, String command, boolean selfPinned) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("command", command);
        f.put("servers", plan.servers());
        f.put("scenarios", plan.scenarios());
        f.put("rateOverride", plan.rate());
        f.put("connectionsOverride", plan.connections());
        f.put("warmupSeconds", plan.warmupNanos() / 1e9);
        f.put("durationSeconds", plan.durationNanos() / 1e9);
        f.put("tls", plan.tls());
        Map<String, Object> pinning = new LinkedHashMap<>();
        pinning.put("serverCpus", plan.cpus().serverCpus());
        pinning.put("loadgenCpus", plan.cpus().loadgenCpus());
        pinning.put("serverPinned", plan.launcher().pinned());
        pinning.put("loadgenPinned", selfPinned);
        f.put("pinning", pinning);
        f.put("jvmFlags", plan.launcher().jvmFlags());
        f.put("loadgenJvmFlags", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        f.put("drivers", plan.drivers().stream().map(Driver::id).toList());
        if (plan.drivers().contains(Driver.GATLING)) {
            f.put("gatlingJvmFlags", GatlingMeasurement.runner(plan).jvmFlags());
        }
        return f;
    }

    /**
     * Runs the plan.
     *
     * @return 0 when every cell produced a summary, 1 otherwise
     */
    public int run() throws IOException {
        boolean selfPinned = plan.cpus().pinSelf();
        RunRecord run = RunRecord.create(plan.resultsRoot(), "run", facts(plan, "run", selfPinned));
        Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
        Runtime.getRuntime().addShutdownHook(hook);
        plan.out().println("bench run: " + plan.servers().size() + " server(s) x " + plan.scenarios().size()
                + " scenario(s) -> " + run.dir() + (selfPinned ? " (driver pinned to CPU " + plan.cpus().loadgenCpus()
                + ", servers to CPU " + plan.cpus().serverCpus() + ")" : " (no CPU pinning)"));
        try {
            for (Scenario s : plan.scenarios()) {
                for (String server : plan.servers()) {
                    cell(run.dir(), server, s);
                }
            }
        } catch (RuntimeException e) {
            run.finish("failed", e.toString());
            throw e;
        }
        List<Map<String, Object>> index = new ArrayList<>();
        for (Summary s : summaries) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("server", s.server());
            e.put("scenario", s.scenario());
            boolean gatling = "gatling".equals(s.driver());
            e.put("driver", s.driver());
            e.put("summary", s.server() + "/" + s.scenario() + (gatling ? "/gatling" : "") + "/summary.json");
            e.put("valid", s.valid());
            index.add(e);
        }
        run.put("results", index);
        run.put("failures", failures);
        run.finish(failures.isEmpty() ? "complete" : "failed",
                failures.isEmpty() ? null : failures.size() + " server×scenario cell(s) failed");
        Runtime.getRuntime().removeShutdownHook(hook);
        SummaryTable.print(plan.out(), summaries);
        for (String f : failures) {
            plan.out().println("FAILED " + f);
        }
        plan.out().println("results: " + run.dir());
        ClosingReport.write(run.dir(), plan.out());
        return failures.isEmpty() ? 0 : 1;
    }

    private void cell(Path runDir, String server, Scenario s) {
        Path dir = runDir.resolve(server).resolve(s.name());
        String label = server + "/" + s.name();
        ServerProcess p = null;
        try {
            Files.createDirectories(dir);
            boolean tls = plan.tls(s);
            int port = ServerProcess.freePort();
            Path gcLog = dir.resolve("gc.log");
            p = ServerProcess.start(server, port,
                    plan.launcher().command(server, port, tls, dir.resolve("stages.hlog"), gcLog),
                    dir.resolve("server.log"));
            p.awaitReady(tls, READY_DEADLINE_NANOS);
            ResponseVerifier.verify(port, tls);
            double rate = plan.rate() != null ? plan.rate() : s.rate();
            plan.out().printf("%s: verified on port %d; %.0f req/s, warm-up %.0f s, measuring %.0f s%n", label,
                    port, rate, plan.warmupNanos() / 1e9, plan.durationNanos() / 1e9);
            List<Summary> measured = new ArrayList<>();
            for (Driver d : plan.drivers()) {
                if (d == Driver.PRECISE) {
                    measured.add(Measurement.run(plan, p, s, rate, dir, gcLog, label));
                } else {
                    gatling(p, s, rate, dir, gcLog, label).ifPresent(measured::add);
                }
            }
            int exit = p.stop();
            if (exit != 0 && exit != 143) {
                plan.out().println(label + ": server exit code " + exit + " after SIGTERM (see server.log)");
            }
            summaries.addAll(measured);
        } catch (IOException | RuntimeException e) {
            String msg = label + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            failures.add(msg);
            plan.out().println("FAILED " + msg);
            try {
                Files.writeString(dir.resolve("error.txt"), msg + System.lineSeparator());
                Files.deleteIfExists(dir.resolve("summary.json"));
            } catch (IOException ignored) {
                // the failure is already in run.json and on the console
            }
        } finally {
            if (p != null) {
                p.stop();
            }
        }
    }

    /**
     * The Gatling measurement of a cell. Its failure is the Gatling cell's alone: recorded in
     * {@code gatling/error.txt} and in run.json's failures, while the precise driver's results of the cell stand.
     */
    private java.util.Optional<Summary> gatling(ServerProcess p, Scenario s, double rate, Path dir, Path gcLog,
                                                String label) throws IOException {
        try {
            return java.util.Optional.ofNullable(GatlingMeasurement.run(plan, p, s, rate, dir, gcLog, label));
        } catch (dev.concurrencybench.loadgen.gatling.GatlingException e) {
            String msg = label + " [gatling]: " + e.getMessage();
            failures.add(msg);
            plan.out().println("FAILED " + msg);
            Files.writeString(Files.createDirectories(dir.resolve("gatling")).resolve("error.txt"),
                    msg + System.lineSeparator());
            return java.util.Optional.empty();
        }
    }

    /** The summaries produced so far. */
    public List<Summary> summaries() {
        return List.copyOf(summaries);
    }

    static void writeJson(Path file, Object value) throws IOException {
        Json.write(file, value);
    }
}

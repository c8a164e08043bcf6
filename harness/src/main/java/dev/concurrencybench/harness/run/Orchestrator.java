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
 * {@code bench run}: first the driver warms its own JIT (a few seconds against an in-process responder, discarded)
 * and measures its noise floor against a server that costs almost nothing ({@link Floor}); then for each
 * scenario, for each server (scenario-major, so the models of one scenario are measured close together in
 * time), a fresh server JVM is started, awaited, verified, warmed up, measured and stopped. The order of the
 * servers rotates from one scenario to the next, so no model is always measured first (or last); run.json
 * records it under {@code order}. A failing server×scenario is recorded in its folder ({@code error.txt}) and the
 * run goes on; the run is {@code complete} only when every cell produced its summary. Ctrl-C stops every server
 * (shutdown hook of {@link ServerProcess}) and leaves run.json {@code interrupted}.
 */
public final class Orchestrator {

    private static final long READY_DEADLINE_NANOS = 30_000_000_000L;
    /** The floor of a run: a warm-up of the instrument, then a short measurement. */
    static final long FLOOR_INSTRUMENT_WARMUP_NANOS = 1_000_000_000L;
    static final long FLOOR_WARMUP_NANOS = 1_000_000_000L;
    static final long FLOOR_DURATION_NANOS = 5_000_000_000L;

    /**
     * Whether and against what the run measures the driver's noise floor.
     *
     * @param enabled    measure it (off: {@code --no-floor})
     * @param instrument nginx, the bench responder, or whichever is there
     */
    public record FloorOptions(boolean enabled, Instrument.Kind instrument) {
        /** The default of {@code bench run}: measured, against nginx when installed. */
        public static final FloorOptions DEFAULT = new FloorOptions(true, Instrument.Kind.AUTO);
    }

    private final RunPlan plan;
    private final FloorOptions floorOptions;
    private final List<Summary> summaries = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public Orchestrator(RunPlan plan) {
        this(plan, FloorOptions.DEFAULT);
    }

    public Orchestrator(RunPlan plan, FloorOptions floorOptions) {
        this.plan = plan;
        this.floorOptions = floorOptions;
    }

    /**
     * The order of the servers for the {@code index}-th scenario: the list rotated by {@code index}, so each
     * server is measured first in turn.
     */
    public static List<String> order(List<String> servers, int index) {
        List<String> out = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            out.add(servers.get((i + index) % servers.size()));
        }
        return out;
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
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (int i = 0; i < plan.scenarios().size(); i++) {
            order.put(plan.scenarios().get(i).name(), order(plan.servers(), i));
        }
        run.put("order", order);
        Floor.Result floor;
        try {
            SelfWarmup.run(plan.out());
            floor = floorOptions.enabled() ? floor(run) : null;
            for (int i = 0; i < plan.scenarios().size(); i++) {
                for (String server : order(plan.servers(), i)) {
                    cell(run.dir(), server, plan.scenarios().get(i));
                }
            }
        } catch (IOException | RuntimeException e) {
            run.finish("failed", e.toString());
            throw e;
        }
        List<Map<String, Object>> index = new ArrayList<>();
        for (Summary s : summaries) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("server", s.server());
            e.put("scenario", s.scenario());
            e.put("summary", s.server() + "/" + s.scenario() + "/summary.json");
            e.put("valid", s.valid());
            index.add(e);
        }
        run.put("results", index);
        run.put("failures", failures);
        run.finish(failures.isEmpty() ? "complete" : "failed",
                failures.isEmpty() ? null : failures.size() + " server×scenario cell(s) failed");
        Runtime.getRuntime().removeShutdownHook(hook);
        // the table lists the cells in the plan's order (scenario, then server), whatever order they ran in
        List<Summary> rows = new ArrayList<>(summaries);
        rows.sort(java.util.Comparator.comparingInt((Summary x) -> scenarioIndex(x.scenario()))
                .thenComparingInt(x -> plan.servers().indexOf(x.server())));
        SummaryTable.print(plan.out(), floor == null ? null : floor.summary(), floor == null ? null : floor.instrument(),
                rows);
        for (String f : failures) {
            plan.out().println("FAILED " + f);
        }
        plan.out().println("results: " + run.dir());
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * The run's floor, at the first scenario's rate and connections, into {@code floor/} and run.json; null (and
     * {@code floorError} in run.json) when it could not be measured, which does not fail the run.
     */
    private Floor.Result floor(RunRecord run) throws IOException {
        Scenario first = plan.scenarios().get(0);
        double rate = plan.rate() != null ? plan.rate() : first.rate();
        int connections = plan.connections() != null ? plan.connections() : first.connections();
        Path dir = run.dir().resolve(Floor.SERVER);
        try (Instrument instrument = Instrument.start(floorOptions.instrument(), null, plan.cpus(), dir)) {
            plan.out().printf("floor: the driver against %s on port %d; %.0f req/s over %d connections, warm-up %.0f s, "
                    + "measuring %.0f s%n", instrument.name(), instrument.port(), rate, connections,
                    (FLOOR_INSTRUMENT_WARMUP_NANOS + FLOOR_WARMUP_NANOS) / 1e9, FLOOR_DURATION_NANOS / 1e9);
            Floor.warmInstrument(instrument, connections, FLOOR_INSTRUMENT_WARMUP_NANOS);
            Floor.Result r = Floor.measure(instrument, rate, connections, 1, FLOOR_WARMUP_NANOS, FLOOR_DURATION_NANOS,
                    dir, plan.out());
            run.put("floor", r.json());
            return r;
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            plan.out().println("floor: not measured: " + msg);
            run.put("floorError", msg);
            return null;
        }
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
            Summary summary = Measurement.run(plan, p, s, rate, dir, gcLog, label);
            int exit = p.stop();
            if (exit != 0 && exit != 143) {
                plan.out().println(label + ": server exit code " + exit + " after SIGTERM (see server.log)");
            }
            summaries.add(summary);
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

    private int scenarioIndex(String name) {
        for (int i = 0; i < plan.scenarios().size(); i++) {
            if (plan.scenarios().get(i).name().equals(name)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The summaries produced so far. */
    public List<Summary> summaries() {
        return List.copyOf(summaries);
    }

    static void writeJson(Path file, Object value) throws IOException {
        Json.write(file, value);
    }
}

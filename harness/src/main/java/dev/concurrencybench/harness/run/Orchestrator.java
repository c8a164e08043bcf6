package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.report.compare.CompareInputException;
import dev.concurrencybench.report.compare.RepetitionMerge;
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
 *
 * <p>With K repetitions ({@code --repeat K}) the whole scenario × server order runs K times, repetition-major:
 * every repetition is a fresh server JVM with its own warm-up, and the repetitions of one cell are spread across
 * the run (round-robin over servers and scenarios in each scenario's rotated order, never K in a row) so slow
 * drift of the machine shows up as run-to-run noise instead of biasing one cell. Each
 * repetition writes {@code <server>/<scenario>/rep-<i>/}; the merged {@code summary.json} ({@link RepetitionMerge})
 * goes beside them once every repetition succeeded.
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
    private int repeat = 1;
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

    /**
     * Sets the repetitions per server × scenario (default 1).
     *
     * @param k K &gt;= 1
     * @return this
     */
    public Orchestrator repeat(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("repeat must be >= 1");
        }
        this.repeat = k;
        return this;
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
        f.put("injectDelayUs", plan.launcher().injectDelayMicros());
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
        Map<String, Object> facts = facts(plan, "run", selfPinned);
        facts.put("repeat", repeat);
        RunRecord run = RunRecord.create(plan.resultsRoot(), "run", facts);
        Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
        Runtime.getRuntime().addShutdownHook(hook);
        plan.out().println("bench run: " + plan.servers().size() + " server(s) x " + plan.scenarios().size()
                + " scenario(s)" + (repeat > 1 ? " x " + repeat + " repetitions" : "") + " -> " + run.dir()
                + (selfPinned ? " (driver pinned to CPU " + plan.cpus().loadgenCpus() + ", servers to CPU "
                + plan.cpus().serverCpus() + ")" : " (no CPU pinning)"));
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (int rep = 1; rep <= repeat; rep++) {
            for (int i = 0; i < plan.scenarios().size(); i++) {
                String name = plan.scenarios().get(i).name();
                order.put(repeat == 1 ? name : name + " rep-" + rep, order(plan.servers(), i));
            }
        }
        run.put("order", order);
        Floor.Result floor;
        try {
            SelfWarmup.run(plan.out());
            floor = floorOptions.enabled() ? floor(run) : null;
            if (repeat == 1) {
                for (int i = 0; i < plan.scenarios().size(); i++) {
                    Scenario s = plan.scenarios().get(i);
                    for (String server : order(plan.servers(), i)) {
                        cell(run.dir().resolve(server).resolve(s.name()), server, s, server + "/" + s.name());
                    }
                }
            } else {
                for (int rep = 1; rep <= repeat; rep++) {
                    plan.out().println("repetition " + rep + " of " + repeat);
                    for (int i = 0; i < plan.scenarios().size(); i++) {
                        Scenario s = plan.scenarios().get(i);
                        for (String server : order(plan.servers(), i)) {
                            cell(run.dir().resolve(server).resolve(s.name()).resolve("rep-" + rep), server, s,
                                    server + "/" + s.name() + " rep-" + rep);
                        }
                    }
                }
                mergeRepetitions(run.dir());
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
            boolean gatling = "gatling".equals(s.driver());
            e.put("driver", s.driver());
            e.put("summary", s.server() + "/" + s.scenario() + (gatling ? "/gatling" : "") + "/summary.json");
            e.put("valid", s.valid());
            e.put("repetitions", repeat);
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
        if (plan.launcher().injectDelayMicros() > 0) {
            plan.out().println("NOTE: every server busy-spun an injected " + plan.launcher().injectDelayMicros()
                    + " µs per request (--inject-delay-us): a test of the regression gate, not a measurement");
        }
        plan.out().println("results: " + run.dir());
        ClosingReport.write(run.dir(), plan.out());
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

    private void cell(Path dir, String server, Scenario s, String label) {
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
            if (repeat == 1) {
                summaries.addAll(measured);
            }
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

    /**
     * Writes each cell's merged summary.json and latency.hlog once every repetition produced one, per driver of
     * the plan (the precise driver's in the cell folder, Gatling's in its {@code gatling/} subfolder); otherwise
     * an error.txt naming the failed repetitions, so no merged summary ever rests on part of the repetitions.
     */
    private void mergeRepetitions(Path runDir) throws IOException {
        for (Scenario s : plan.scenarios()) {
            for (String server : plan.servers()) {
                for (Driver d : plan.drivers()) {
                    String sub = d == Driver.PRECISE ? "" : "gatling";
                    Path cellDir = runDir.resolve(server).resolve(s.name());
                    String label = server + "/" + s.name() + (sub.isEmpty() ? "" : " [" + sub + "]");
                    List<Path> reps = new ArrayList<>();
                    List<String> failed = new ArrayList<>();
                    for (int i = 1; i <= repeat; i++) {
                        Path r = cellDir.resolve("rep-" + i).resolve(sub);
                        if (Files.isRegularFile(r.resolve("summary.json"))) {
                            reps.add(r);
                        } else {
                            failed.add("rep-" + i);
                        }
                    }
                    Path out = Files.createDirectories(cellDir.resolve(sub));
                    if (!failed.isEmpty()) {
                        Files.writeString(out.resolve("error.txt"), label + ": " + failed.size() + " of " + repeat
                                + " repetitions failed (" + String.join(", ", failed) + "): no merged summary"
                                + System.lineSeparator());
                        continue;
                    }
                    try {
                        Summary merged = RepetitionMerge.merge(reps);
                        RepetitionMerge.writeMergedLog(reps, out.resolve("latency.hlog"));
                        Json.write(out.resolve("summary.json"), merged);
                        summaries.add(merged);
                    } catch (CompareInputException e) {
                        failures.add(label + ": merging repetitions: " + e.getMessage());
                    }
                }
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

package dev.concurrencybench.harness.tradeoffs;

import dev.concurrencybench.harness.run.CpuPlan;
import dev.concurrencybench.harness.run.Orchestrator;
import dev.concurrencybench.harness.run.RunPlan;
import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.harness.run.Sweep;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The suite's own runs ({@link Orchestrator} for fixed-rate measurements, {@link Sweep} for the highest rate within an
 * SLO), nested inside the tradeoffs folder so every figure can link to the raw run it came from. Nothing here starts
 * a server or drives load itself.
 *
 * <p>Threading: confined to the caller.
 */
final class SubRuns {

    /** A finished sub-run: its folder and its summaries (or sweeps), by server. */
    record Done(Path dir, Map<String, Summary> summaries, Map<String, Sweep.Result> sweeps) {
        /** The raw cell folder of {@code server} and {@code scenario}. */
        Path cell(String server, String scenario) {
            return dir.resolve(server).resolve(scenario);
        }
    }

    private final Path root;
    private final List<String> servers;
    private final String serverMain;
    private final PrintStream out;

    SubRuns(Path root, List<String> servers, String serverMain, PrintStream out) {
        this.root = root;
        this.servers = List.copyOf(servers);
        this.serverMain = serverMain;
        this.out = out;
    }

    /** One fixed-rate {@code bench run} of {@code scenario} on every server. */
    Done fixedRate(Scenario scenario, double rate, Integer connections, TradeoffsSettings s, CpuPlan cpus)
            throws IOException {
        RunPlan plan = plan(scenario, rate, connections, s, cpus);
        Set<Path> before = runDirs();
        Orchestrator run = new Orchestrator(plan);
        run.run();
        Path dir = newRunDir(before);
        Map<String, Summary> byServer = new LinkedHashMap<>();
        for (Summary summary : run.summaries()) byServer.put(summary.server(), summary);
        return new Done(dir, byServer, Map.of());
    }

    /** One {@code bench sweep} of {@code scenario}: rates from {@code start}, ×2 per step, P99 within {@code sloMicros}. */
    Done sweep(Scenario scenario, double start, int steps, long sloMicros, Integer connections, TradeoffsSettings s,
               CpuPlan cpus) throws IOException {
        RunPlan plan = new RunPlan(servers, List.of(scenario), null, connections, s.sweepWarmup().toNanos(),
                s.sweepDuration().toNanos(), false, cpus, new ServerLauncher(cpus, serverMain), root, out);
        Set<Path> before = runDirs();
        Sweep.run(plan, start, 2.0, steps, sloMicros);
        Path dir = newRunDir(before);
        Map<String, Sweep.Result> results = new LinkedHashMap<>();
        for (String server : servers) {
            Path f = dir.resolve(server).resolve(scenario.name()).resolve("sweep.json");
            if (Files.isRegularFile(f)) results.put(server, Json.MAPPER.readValue(f.toFile(), Sweep.Result.class));
        }
        return new Done(dir, Map.of(), results);
    }

    private RunPlan plan(Scenario scenario, Double rate, Integer connections, TradeoffsSettings s, CpuPlan cpus) {
        return new RunPlan(servers, List.of(scenario), rate, connections, s.warmup().toNanos(),
                s.duration().toNanos(), false, cpus, new ServerLauncher(cpus, serverMain), root, out);
    }

    private Set<Path> runDirs() throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> s = Files.list(root)) {
            return new HashSet<>(s.filter(Files::isDirectory).toList());
        }
    }

    private Path newRunDir(Set<Path> before) throws IOException {
        List<Path> fresh = new ArrayList<>(runDirs());
        fresh.removeAll(before);
        if (fresh.size() != 1) throw new IOException("expected one new run folder in " + root + ", found " + fresh);
        return fresh.get(0);
    }
}

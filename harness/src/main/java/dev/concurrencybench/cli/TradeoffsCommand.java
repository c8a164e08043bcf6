package dev.concurrencybench.cli;

import dev.concurrencybench.harness.tradeoffs.TradeoffsRun;
import dev.concurrencybench.harness.tradeoffs.TradeoffsSettings;
import dev.concurrencybench.loadgen.scenario.ScenarioCatalog;
import dev.concurrencybench.loadgen.scenario.ScenarioException;
import dev.concurrencybench.report.results.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code bench tradeoffs}: the seed article's trade-off table, measured here, beside the article's claims. */
@Command(name = "tradeoffs", mixinStandardHelpOptions = true,
        description = {"Measure the seed article's trade-off table for each model (memory per idle connection and per "
                + "parked thread, hand-off cost and context switches, CPU parallelism, I/O concurrency, blocking-code "
                + "penalty, lines of code) and print it beside the article's claims; writes "
                + "results/<run-id>/tradeoffs.md and tradeoffs.html with every figure linked to its raw run.",
                "Full mode takes about 12 minutes on 2 cores; --quick is a tiny smoke run (plumbing, not figures)."})
public final class TradeoffsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Tiny counts and sub-second phases: proves the plumbing, numbers mean nothing")
    boolean quick;

    @Option(names = "--servers", defaultValue = "all", split = ",",
            description = "Server ids, comma-separated, or 'all' (default)")
    List<String> servers;

    @Option(names = "--microbench-json", paramLabel = "FILE",
            description = "Take the hand-off figures from this JMH JSON (bench microbench's jmh.json) instead of running JMH")
    Path handoffJson;

    @Option(names = "--microbench-target", defaultValue = "microbench/target",
            description = "Folder with microbench.jar and lib/ (default: ${DEFAULT-VALUE})")
    Path microbenchTarget;

    @Option(names = "--scenario-dir", defaultValue = "scenarios", description = "Scenario folder (default: ${DEFAULT-VALUE})")
    Path scenarioDir;

    @Option(names = "--source-root", defaultValue = ".", description = "Repository root, for line counts (default: ${DEFAULT-VALUE})")
    Path sourceRoot;

    @Option(names = "--results", defaultValue = "results", description = "Results root folder (default: ${DEFAULT-VALUE})")
    Path resultsRoot;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (handoffJson != null && !Files.isRegularFile(handoffJson)) {
            throw new CommandLine.ParameterException(cl, "--microbench-json: no such file " + handoffJson);
        }
        ScenarioCatalog catalog;
        try {
            catalog = ScenarioCatalog.load(scenarioDir);
        } catch (ScenarioException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        RunOptions serverChoice = new RunOptions();
        serverChoice.servers = servers;
        serverChoice.serverMain = RunOptions.DEFAULT_SERVER_MAIN;
        List<String> ids = serverChoice.resolveServers(cl);
        TradeoffsSettings settings = quick ? TradeoffsSettings.smoke() : TradeoffsSettings.full();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", "tradeoffs");
        facts.put("servers", ids);
        facts.put("quick", quick);
        facts.put("settings", settings.toString());
        RunRecord run = RunRecord.create(resultsRoot, quick ? "tradeoffs-quick" : "tradeoffs", facts);
        Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("bench tradeoffs: " + (quick ? "QUICK MODE (tiny counts, sub-second runs: plumbing, not "
                + "figures)" : "full mode, about 12 minutes") + " -> " + run.dir());
        Path dir = run.dir().toAbsolutePath().normalize();
        TradeoffsRun tradeoffs = new TradeoffsRun(new TradeoffsRun.Inputs(dir, ids, settings, catalog,
                sourceRoot.toAbsolutePath().normalize(), microbenchTarget.toAbsolutePath().normalize(),
                handoffJson == null ? null : handoffJson.toAbsolutePath(), RunOptions.DEFAULT_SERVER_MAIN, System.out));
        try {
            tradeoffs.run();
        } catch (RuntimeException e) {
            run.finish("failed", e.toString());
            throw e;
        }
        List<String> preamble = new ArrayList<>();
        if (quick) {
            preamble.add("**QUICK MODE: a smoke run with tiny counts. These numbers prove the plumbing and are not "
                    + "findings.** Run `./bench tradeoffs` without `--quick` on a quiet machine for the table.");
        }
        preamble.add("Measured by `bench tradeoffs` on " + Runtime.getRuntime().availableProcessors() + " CPUs; the "
                + "article's claims are quoted as written. Each figure links to the raw run it came from; run.json "
                + "beside this file records the machine and the settings.");
        if (!tradeoffs.failures().isEmpty()) {
            preamble.add("**Incomplete: " + tradeoffs.failures().size() + " step(s) failed:** "
                    + String.join("; ", tradeoffs.failures()));
        }
        String md = tradeoffs.table().markdown("The trade-off table, measured", preamble);
        Files.writeString(dir.resolve("tradeoffs.md"), md);
        Files.writeString(dir.resolve("tradeoffs.html"), tradeoffs.table().html("The trade-off table, measured", preamble));
        run.put("failures", tradeoffs.failures());
        run.finish(tradeoffs.failures().isEmpty() ? "complete" : "failed",
                tradeoffs.failures().isEmpty() ? null : String.join("; ", tradeoffs.failures()));
        Runtime.getRuntime().removeShutdownHook(hook);
        System.out.println();
        System.out.println(md);
        System.out.println("results: " + dir.resolve("tradeoffs.md") + ", " + dir.resolve("tradeoffs.html"));
        return tradeoffs.failures().isEmpty() ? 0 : 1;
    }
}

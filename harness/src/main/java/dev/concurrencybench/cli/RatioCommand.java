package dev.concurrencybench.cli;

import dev.concurrencybench.harness.ratio.RatioReport;
import dev.concurrencybench.harness.ratio.RatioResults;
import dev.concurrencybench.harness.ratio.RatioRun;
import dev.concurrencybench.harness.ratio.RatioSettings;
import dev.concurrencybench.harness.run.CpuPlan;
import dev.concurrencybench.harness.run.NginxBinary;
import dev.concurrencybench.harness.run.SelfWarmup;
import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.RunRecord;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench ratio}: every model side by side with nginx (one worker) in one interleaved sitting: closed-loop
 * req/s with wrk as a ratio to nginx's, and CPU µs per request at a fixed rate, for {@code /plaintext},
 * {@code /json} and {@code /json} over TLS. Replaces {@code scripts/nginx-ratio.sh}.
 */
@Command(name = "ratio", mixinStandardHelpOptions = true,
        description = {"Each model side by side with nginx (one worker), in one interleaved sitting: closed-loop req/s "
                + "(wrk -t1 -c64, median of --rounds rounds, A B C A B C) as a ratio to nginx, and server CPU µs per "
                + "request at a fixed --rate with the precise driver; for /plaintext, /json and /json over TLS. "
                + "Servers on CPU 1 (-XX:ActiveProcessorCount=1, stage timing off), wrk and the driver on CPU 0. "
                + "Writes results/<run-id>-ratio/ratio.md and ratio.json.",
                "Each model's production peer (Jetty, Netty, Helidon, Reactor Netty) runs next to it, and a table "
                        + "gives each model over its peer.",
                "Needs nginx and wrk: apt-get install nginx-light wrk. About 25 minutes with the defaults (14 with "
                        + "--no-peers)."})
public final class RatioCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--servers", defaultValue = "all", split = ",",
            description = "Models, comma-separated, or 'all' (default); nginx is always measured")
    List<String> servers;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Interleaved rounds per fork (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--forks", defaultValue = "1",
            description = "Fresh sets of server JVMs, one after another, each warmed up and measured for --rounds "
                    + "rounds; medians are over all rounds of all forks. More than one keeps a single JVM's JIT luck "
                    + "from deciding a small difference, such as --stage-timing-cost's (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "One wrk run, whole seconds (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Discarded wrk run per server and endpoint before the rounds, whole seconds; 0 for none "
                    + "(default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--rate", defaultValue = "20000", description = "Fixed rate of the CPU measurement, req/s (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--cpu-duration", defaultValue = "5s", converter = DurationConverter.class,
            description = "One CPU measurement after 1 s of warm-up at the rate, whole seconds (default: ${DEFAULT-VALUE})")
    Duration cpuDuration;

    @Option(names = "--connections", defaultValue = "64", description = "wrk's and the driver's connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--tls", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure /json over TLS 1.3, nginx with a self-signed certificate made at run time "
                    + "(default: on; --no-tls skips it)")
    boolean tls;

    @Option(names = "--peers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure each model's production peer, next to the model in every round: Jetty 12.1 "
                    + "(threadpool), Netty 4.2 (eventloop), Helidon SE 4.5 (virtual), Reactor Netty 1.3 (reactive), "
                    + "with the models' JVM flags and pinning (default: on; --no-peers skips them)")
    boolean peers;

    @Option(names = "--stage-timing-cost",
            description = "Also run every model a second time with stage timing on (--stage-log, as 'bench run' "
                    + "does), back to back with the same model in every round, and report what the timing costs: "
                    + "req/s and CPU µs/request change per model and endpoint (doubles the models' share of the "
                    + "sitting)")
    boolean stageTimingCost;

    @Option(names = "--out", defaultValue = "results",
            description = "Results root: the files go to <out>/<run-id>-ratio/ (default: ${DEFAULT-VALUE})")
    Path resultsRoot;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        RatioSettings settings;
        try {
            settings = new RatioSettings(models(cl), forks, rounds,
                    RatioSettings.wholeSeconds("--duration", duration.toNanos()),
                    RatioSettings.wholeSeconds("--warmup", warmup.toNanos()), rate,
                    RatioSettings.wholeSeconds("--cpu-duration", cpuDuration.toNanos()), connections, tls,
                    stageTimingCost, peers);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        PrintStream out = System.out;
        Path nginx = NginxBinary.locate();
        String missing = missingTools(nginx != null, onPath("wrk"));
        if (missing != null) {
            System.err.println("bench ratio: " + missing);
            return 1;
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        CpuPlan plan = CpuPlan.defaults(cpus);
        if (plan.serverCpus() == null || !CpuPlan.tasksetAvailable()) {
            out.println("bench ratio: WARNING: no CPU pinning (" + (cpus < 2 ? "fewer than 2 CPUs" : "no taskset")
                    + "): servers and load generator share CPUs, so the figures mix both");
        }
        boolean pinned = plan.serverCpus() != null && CpuPlan.tasksetAvailable();
        boolean selfPinned = plan.pinSelf();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", "ratio");
        facts.put("settings", settings.json());
        Map<String, Object> pinning = new LinkedHashMap<>();
        pinning.put("serverCpus", pinned ? plan.serverCpus() : null);
        pinning.put("loadgenCpus", selfPinned ? plan.loadgenCpus() : null);
        facts.put("pinning", pinning);
        ServerLauncher launcher = ServerLauncher.bench(plan);
        facts.put("serverJvmFlags", launcher.jvmFlags());
        RunRecord run = RunRecord.create(resultsRoot, "ratio", facts);
        Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("bench ratio -> %s: %s; %s%d round(s) of %d s wrk, %d s warm-up, CPU at %,.0f req/s for %d s; "
                        + "about %d min%n", run.dir(), String.join(", ", settings.contenders()),
                settings.forks() > 1 ? settings.forks() + " forks × " : "", settings.rounds(),
                settings.durationSeconds(), settings.warmupSeconds(), settings.rate(), settings.cpuDurationSeconds(),
                (settings.estimatedSeconds() + 59) / 60 + 1);
        RatioResults results;
        try {
            SelfWarmup.run(out);
            results = new RatioRun(new RatioRun.Inputs(settings, launcher, nginx, pinned ? plan.serverCpus() : null,
                    selfPinned ? plan.loadgenCpus() : null, run.dir(), out)).run();
        } catch (Exception e) {
            run.finish("failed", e.getMessage() == null ? e.toString() : e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            System.err.println("bench ratio: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
        List<String> preamble = new ArrayList<>();
        preamble.add(String.format("Measured by `bench ratio` on %d CPUs: servers %s, wrk and the driver %s. Server JVMs: `%s`, "
                        + "stage timing off%s. Ratios are only meaningful within this sitting.", cpus,
                pinned ? "on CPU " + plan.serverCpus() : "unpinned", selfPinned ? "on CPU " + plan.loadgenCpus() : "unpinned",
                String.join(" ", launcher.jvmFlags()), settings.stageTimingCost()
                        ? " (the `+timing` twins: on, with a stage log)" : ""));
        String md = RatioReport.markdown(results, settings, preamble);
        Files.writeString(run.dir().resolve("ratio.md"), md);
        Json.write(run.dir().resolve("ratio.json"), RatioReport.json(results, settings));
        run.put("failures", results.failures());
        run.finish(results.failures().isEmpty() ? "complete" : "failed",
                results.failures().isEmpty() ? null : String.join("; ", results.failures()));
        Runtime.getRuntime().removeShutdownHook(hook);
        out.println();
        out.println(md);
        out.println("results: " + run.dir().resolve("ratio.md"));
        return results.failures().isEmpty() ? 0 : 1;
    }

    private List<String> models(CommandLine cl) {
        RunOptions choice = new RunOptions();
        choice.servers = servers;
        choice.serverMain = RunOptions.DEFAULT_SERVER_MAIN;
        return choice.resolveServers(cl);
    }

    /** One line saying what is missing and how to install it, or null when nothing is. */
    static String missingTools(boolean nginx, boolean wrk) {
        if (nginx && wrk) return null;
        String what = !nginx && !wrk ? "nginx and wrk are" : !nginx ? "nginx is" : "wrk is";
        return what + " not installed; install with: apt-get install nginx-light wrk";
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}

package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.CpuPlan;
import dev.concurrencybench.harness.run.Driver;
import dev.concurrencybench.harness.run.RunPlan;
import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.loadgen.gatling.GatlingRunner;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.scenario.ScenarioCatalog;
import dev.concurrencybench.loadgen.scenario.ScenarioException;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Options shared by {@code run} and {@code sweep}, and their translation into a {@link RunPlan}. */
final class RunOptions {

    @Option(names = "--servers", defaultValue = "all", split = ",",
            description = "Server ids, comma-separated, or 'all' (every ServerProvider found; default)")
    List<String> servers;

    @Option(names = "--rate", description = "Target rate, requests/s (default: each scenario's own)")
    Double rate;

    @Option(names = "--duration", converter = DurationConverter.class, description = "Measurement per server×scenario")
    Duration duration;

    @Option(names = "--warmup", converter = DurationConverter.class, description = "Discarded warm-up before each measurement")
    Duration warmup;

    @Option(names = "--connections", description = "Connections (default: each scenario's own)")
    Integer connections;

    @Option(names = "--driver", defaultValue = "precise",
            description = "Load generator: precise, gatling, or precise,gatling (both, one after the other on each "
                    + "cell; Gatling's results in <server>/<scenario>/gatling/). Default: ${DEFAULT-VALUE}")
    String driver;

    @Option(names = "--tls", description = "Run every scenario over TLS")
    boolean tls;

    @Option(names = "--cpus", description = "Pinning: server=LIST,loadgen=LIST (taskset lists, '+' between items) "
            + "or 'none' (default: server=1,loadgen=0 on 2+ CPUs)")
    String cpus;

    @Option(names = "--scenario-dir", defaultValue = "scenarios", description = "Scenario folder (default: ${DEFAULT-VALUE})")
    Path scenarioDir;

    @Option(names = "--results", defaultValue = "results", description = "Results root folder (default: ${DEFAULT-VALUE})")
    Path resultsRoot;

    @Option(names = "--inject-delay-us", defaultValue = "0", paramLabel = "N",
            description = "Every server busy-spins N µs per request in its process stage: a known slowdown to test "
                    + "the regression gate (recorded in run.json; default 0: off)")
    long injectDelayMicros;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Passed to every server (see 'bench serve --help'): connections it holds at once; one more "
                    + "gets the model's documented answer (default: the servers' own, 16384, the same for all)")
    Integer maxConnections;

    @Option(names = "--min-request-data-rate", paramLabel = "BYTES_PER_S",
            description = "Passed to every server: a request body slower than this after the grace is answered 408 "
                    + "and closed; 0 turns it off (default: the servers' own, 1024, the same for all)")
    Long minRequestDataRate;

    static final String DEFAULT_SERVER_MAIN = "dev.concurrencybench.cli.Main";

    @Option(names = "--server-main", hidden = true, defaultValue = DEFAULT_SERVER_MAIN,
            description = "Main class that understands 'serve <id> --port P' (tests substitute their own server)")
    String serverMain;

    /** Every server id on the class path, in ServiceLoader order. */
    static List<String> discoveredServers() {
        List<String> ids = new ArrayList<>();
        for (ServerProvider p : ServiceLoader.load(ServerProvider.class)) {
            ids.add(p.id());
        }
        return ids;
    }

    List<String> resolveServers(CommandLine cl) {
        if (!serverMain.equals(DEFAULT_SERVER_MAIN) && !servers.contains("all")) {
            return List.copyOf(new LinkedHashSet<>(servers)); // a substitute server main decides what ids mean
        }
        List<String> known = discoveredServers();
        if (known.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "no servers found on the class path (no ServerProvider registered)");
        }
        if (servers.size() == 1 && servers.get(0).equals("all")) {
            return known;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : servers) {
            if (!known.contains(s)) {
                throw new CommandLine.ParameterException(cl, "--servers: unknown server '" + s + "'; known: " + String.join(", ", known));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    List<Scenario> resolveScenarios(CommandLine cl, List<String> names) {
        try {
            ScenarioCatalog catalog = ScenarioCatalog.load(scenarioDir);
            List<Scenario> out = new ArrayList<>();
            for (String n : names) {
                out.add(catalog.get(n));
            }
            return out;
        } catch (ScenarioException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** Parses {@code --driver}; Gatling must be on the class path when it is asked for. */
    static List<Driver> drivers(CommandLine cl, String spec) {
        List<Driver> drivers;
        try {
            drivers = Driver.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        String missing = drivers.contains(Driver.GATLING) ? GatlingRunner.missingReason() : null;
        if (missing != null) {
            throw new CommandLine.ParameterException(cl, "--driver gatling: " + missing);
        }
        return drivers;
    }

    RunPlan plan(CommandLine cl, List<String> scenarioNames, Duration defaultWarmup, Duration defaultDuration) {
        if (rate != null && !(rate > 0)) throw new CommandLine.ParameterException(cl, "--rate must be > 0 requests/s");
        if (connections != null && connections < 1) throw new CommandLine.ParameterException(cl, "--connections must be >= 1");
        Duration w = warmup != null ? warmup : defaultWarmup;
        Duration d = duration != null ? duration : defaultDuration;
        if (d.isZero() || d.isNegative()) throw new CommandLine.ParameterException(cl, "--duration must be > 0");
        if (injectDelayMicros < 0 || injectDelayMicros > 1_000_000) {
            throw new CommandLine.ParameterException(cl, "--inject-delay-us must be 0..1000000");
        }
        ServeCommand.checkDefences(cl, maxConnections, minRequestDataRate);
        int n = Runtime.getRuntime().availableProcessors();
        CpuPlan cpuPlan;
        try {
            cpuPlan = cpus == null ? CpuPlan.defaults(n) : CpuPlan.parse(cpus, n);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        List<Driver> drivers = drivers(cl, driver);
        List<Scenario> scenarios = resolveScenarios(cl, scenarioNames);
        List<String> ids = resolveServers(cl);
        return new RunPlan(ids, scenarios, rate, connections, w.toNanos(), d.toNanos(), tls, cpuPlan,
                new ServerLauncher(cpuPlan, serverMain, injectDelayMicros).withDefences(maxConnections, minRequestDataRate),
                resultsRoot, System.out, drivers);
    }
}

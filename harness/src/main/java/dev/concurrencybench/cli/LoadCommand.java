package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.ClosingReport;
import dev.concurrencybench.harness.run.Driver;
import dev.concurrencybench.harness.run.SummaryTable;
import dev.concurrencybench.loadgen.gatling.GatlingPlan;
import dev.concurrencybench.loadgen.gatling.GatlingRun;
import dev.concurrencybench.loadgen.gatling.GatlingRunner;
import dev.concurrencybench.loadgen.gatling.GatlingSummary;
import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.harness.run.SelfWarmup;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.loadgen.output.DriverHealthWatch;
import dev.concurrencybench.loadgen.output.DriverSummary;
import dev.concurrencybench.loadgen.output.LiveLine;
import dev.concurrencybench.loadgen.output.MeasurementFiles;
import dev.concurrencybench.report.results.RunRecord;
import dev.concurrencybench.report.results.Summary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench load}: the precise driver against any loopback server. Writes
 * {@code results/<run-id>/run.json} and {@code results/<run-id>/external/<name>/} with the same files as
 * {@code bench run} (no server-side metrics: the server is not ours).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Drive any loopback HTTP server with the precise open-loop driver (or Gatling: --driver); "
                + "results under results/<run-id>/.")
public final class LoadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", required = true, description = "Target, e.g. http://127.0.0.1:8080/plaintext")
    String url;

    @Option(names = "--rate", description = "Target rate, requests/s (open loop; required unless --closed-loop)")
    Double rate;

    @Option(names = "--duration", required = true, converter = DurationConverter.class,
            description = "Measurement length, e.g. 30s")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Discarded warm-up before the measurement (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "16", description = "Keep-alive connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--pipeline", defaultValue = "1", description = "HTTP/1.1 pipelining depth (default: ${DEFAULT-VALUE})")
    int pipeline;

    @Option(names = "--connection-per-request", description = "A new connection (and TLS handshake) per request, measured")
    boolean connectionPerRequest;

    @Option(names = "--closed-loop", description = "Maximum throughput: each connection sends as fast as responses allow")
    boolean closedLoop;

    @Option(names = "--poisson", description = "Poisson arrivals instead of a constant rate")
    boolean poisson;

    @Option(names = "--method", defaultValue = "GET", description = "GET or POST (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--body", description = "JSON request body (sent as application/json)")
    String body;

    @Option(names = "--expect-status", defaultValue = "200", description = "Status every response must have (default: ${DEFAULT-VALUE})")
    int expectStatus;

    @Option(names = "--expect-body", description = "Exact body a sampled response must have")
    String expectBody;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "A request unanswered this long counts as a timeout (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--io-threads", defaultValue = "1",
            description = "Driver loop threads, each with its share of the connections and rate (default: ${DEFAULT-VALUE})")
    int ioThreads;

    @Option(names = "--name", defaultValue = "load", description = "Label of this measurement in the results path")
    String name;

    @Option(names = "--allow-remote", description = "Allow a target that is not a loopback address")
    boolean allowRemote;

    @Option(names = "--driver", defaultValue = "precise",
            description = "Load generator: precise, gatling, or precise,gatling (one after the other; Gatling's "
                    + "results in external/<name>/gatling/). Default: ${DEFAULT-VALUE}")
    String driver;

    @Option(names = "--results", defaultValue = "results", description = "Results root folder (default: ${DEFAULT-VALUE})")
    Path resultsRoot;

    @Option(names = "--no-self-warmup", description = "Skip the driver's own JIT warm-up (3 s against an in-process "
            + "responder) before it connects to the target")
    boolean noSelfWarmup;

    @Override
    public Integer call() {
        DriverConfig config = config();
        List<Driver> drivers = RunOptions.drivers(spec.commandLine(), driver);
        GatlingPlan gatlingPlan = drivers.contains(Driver.GATLING) ? gatlingPlan(config, drivers.size() == 1) : null;
        try {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("command", "load");
            facts.put("url", url);
            facts.put("driver", config.mode().name().toLowerCase(Locale.ROOT));
            facts.put("rate", closedLoop ? null : rate);
            facts.put("connections", connections);
            facts.put("pipeline", pipeline);
            facts.put("drivers", drivers.stream().map(Driver::id).toList());
            facts.put("warmupSeconds", warmup.toNanos() / 1e9);
            facts.put("durationSeconds", duration.toNanos() / 1e9);
            RunRecord run = RunRecord.create(resultsRoot, "load", facts);
            Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("bench load: " + url + " -> " + run.dir());
            if (!noSelfWarmup && drivers.contains(Driver.PRECISE)) {
                SelfWarmup.run(System.out);
            }
            List<Summary> summaries = new ArrayList<>();
            Path dir = run.dir().resolve("external").resolve(name);
            try {
                for (Driver d : drivers) {
                    if (d == Driver.PRECISE) {
                        try (MeasurementFiles files = new MeasurementFiles(dir, new LiveLine(System.out, name))) {
                            DriverHealthWatch health = new DriverHealthWatch(-1, files);
                            DriverResult result = PreciseDriver.run(config, health);
                            Summary summary = DriverSummary.of("external", name, result, null, health.result());
                            files.finish(result, summary);
                            summaries.add(summary);
                        }
                    } else if (gatlingPlan == null) {
                        System.out.println(name + ": gatling skipped: " + GATLING_UNSUPPORTED);
                    } else {
                        GatlingRun g = new GatlingRunner(List.of(), Runtime.getRuntime().availableProcessors(),
                                System.out).run(gatlingPlan, dir.resolve("gatling"), name);
                        Summary summary = GatlingSummary.of("external", name, gatlingPlan, g, null);
                        GatlingSummary.write(g, summary);
                        summaries.add(summary);
                    }
                }
            } catch (Exception e) {
                run.finish("failed", e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
            run.finish("complete", null);
            Runtime.getRuntime().removeShutdownHook(hook);
            SummaryTable.print(System.out, summaries);
            ClosingReport.write(run.dir(), System.out);
            return 0;
        } catch (Exception e) {
            System.err.println("bench load: error: " + e.getMessage());
            return 1;
        }
    }

    private static final String GATLING_UNSUPPORTED =
            "Gatling's HTTP client has no closed-loop mode and cannot pipeline requests";

    /**
     * The Gatling plan of this load, or null when Gatling cannot express it (closed loop, pipelining): an error when
     * Gatling is the only driver asked for, a skip (said on the console) when the precise driver runs too.
     */
    GatlingPlan gatlingPlan(DriverConfig config, boolean only) {
        if (closedLoop || pipeline > 1) {
            if (only) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--driver gatling: " + GATLING_UNSUPPORTED
                        + " (drop --closed-loop / --pipeline)");
            }
            return null;
        }
        Target t = config.target();
        return new GatlingPlan((t.tls() ? "https://" : "http://") + t.hostHeader(), rate, warmup.toMillis(),
                duration.toMillis(), connectionPerRequest, poisson, timeout.toMillis(),
                List.of(GatlingPlan.fromTemplate(config.templates().get(0))), null);
    }

    DriverConfig config() {
        CommandLine cl = spec.commandLine();
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--url: " + e.getMessage());
        }
        if (!allowRemote && !target.isLoopback()) {
            throw new CommandLine.ParameterException(cl,
                    "--url: " + target.host() + " is not a loopback address; add --allow-remote to drive it anyway");
        }
        if (closedLoop && (rate != null || connectionPerRequest || poisson)) {
            throw new CommandLine.ParameterException(cl, "--closed-loop takes no --rate, --poisson or --connection-per-request");
        }
        if (!closedLoop && (rate == null || !(rate > 0))) {
            throw new CommandLine.ParameterException(cl, "--rate must be > 0 requests/s (or use --closed-loop)");
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (!m.equals("GET") && !m.equals("POST")) {
            throw new CommandLine.ParameterException(cl, "--method must be GET or POST");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new CommandLine.ParameterException(cl, "--name may hold letters, digits, '.', '_' and '-' only");
        }
        RequestTemplate t = RequestTemplate.http(name, 1, m, target.hostHeader(), target.path(), body,
                expectStatus, expectBody, null);
        DriverConfig.Mode mode = closedLoop ? DriverConfig.Mode.CLOSED_LOOP
                : connectionPerRequest ? DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST
                : DriverConfig.Mode.OPEN_KEEP_ALIVE;
        try {
            return new DriverConfig(target, List.of(t), mode, closedLoop ? 0 : rate, poisson, connections, pipeline,
                    warmup.toNanos(), duration.toNanos(), timeout.toNanos(), 16, ioThreads, 42);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}

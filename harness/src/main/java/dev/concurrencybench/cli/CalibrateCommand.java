package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.CpuPlan;
import dev.concurrencybench.harness.run.Floor;
import dev.concurrencybench.harness.run.Instrument;
import dev.concurrencybench.harness.run.SelfWarmup;
import dev.concurrencybench.report.results.DriverHealth;
import dev.concurrencybench.report.results.RunRecord;
import dev.concurrencybench.report.results.Summary;
import dev.concurrencybench.report.table.LatencyTable;
import java.io.PrintStream;
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
 * {@code bench calibrate}: the driver's own noise floor on this machine. The precise driver, pinned like a run
 * (driver CPU 0, server CPU 1 on 2+ CPUs), drives a server that costs almost nothing: nginx with one worker when
 * it is installed, else the bench responder the suite ships. What it measures is the instrument's resolution:
 * differences between servers below it are noise.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure the driver's own noise floor on this machine: the precise driver against a server "
                + "that costs almost nothing (nginx with one worker when installed, else the bench responder), "
                + "pinned like a run. Prints P50, P99, P99.9, max and generator-lag P99 per run; results under "
                + "results/<run-id>/.",
                "Example: bench calibrate --rate 2000 --duration 15s --warmup 5s --runs 10 --keepalive-requests 100"})
public final class CalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", defaultValue = "2000", description = "Requests/s (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--connections", defaultValue = "16", description = "Keep-alive connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--pipeline", defaultValue = "1", description = "HTTP/1.1 pipelining depth (default: ${DEFAULT-VALUE})")
    int pipeline;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "Measurement per run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Discarded warm-up before each run (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--runs", defaultValue = "1", description = "Consecutive runs against the same server (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--keepalive-requests", paramLabel = "N",
            description = "The server closes each connection after N responses, announced (nginx's keepalive_requests; "
                    + "default: the server's own, nginx 1000, responder never)")
    Integer keepaliveRequests;

    @Option(names = "--instrument", defaultValue = "auto",
            description = "nginx, responder (the bench responder) or auto (nginx when installed; default)")
    String instrument;

    @Option(names = "--cpus", description = "Pinning: server=LIST,loadgen=LIST or 'none' (default: server=1,loadgen=0 on 2+ CPUs)")
    String cpus;

    @Option(names = "--no-self-warmup", description = "Skip the driver's own JIT warm-up before the first run")
    boolean noSelfWarmup;

    @Option(names = "--results", defaultValue = "results", description = "Results root folder (default: ${DEFAULT-VALUE})")
    Path resultsRoot;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!(rate > 0)) throw new CommandLine.ParameterException(cl, "--rate must be > 0 requests/s");
        if (connections < 1) throw new CommandLine.ParameterException(cl, "--connections must be >= 1");
        if (pipeline < 1) throw new CommandLine.ParameterException(cl, "--pipeline must be >= 1");
        if (runs < 1) throw new CommandLine.ParameterException(cl, "--runs must be >= 1");
        if (duration.isZero() || duration.isNegative()) throw new CommandLine.ParameterException(cl, "--duration must be > 0");
        if (keepaliveRequests != null && keepaliveRequests < 1) {
            throw new CommandLine.ParameterException(cl, "--keepalive-requests must be >= 1");
        }
        Instrument.Kind kind;
        CpuPlan cpuPlan;
        try {
            kind = Instrument.Kind.parse(instrument);
            int n = Runtime.getRuntime().availableProcessors();
            cpuPlan = cpus == null ? CpuPlan.defaults(n) : CpuPlan.parse(cpus, n);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        PrintStream out = System.out;
        try {
            boolean selfPinned = cpuPlan.pinSelf();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("command", "calibrate");
            facts.put("rate", rate);
            facts.put("connections", connections);
            facts.put("pipeline", pipeline);
            facts.put("warmupSeconds", warmup.toNanos() / 1e9);
            facts.put("durationSeconds", duration.toNanos() / 1e9);
            facts.put("runs", runs);
            facts.put("keepaliveRequests", keepaliveRequests);
            Map<String, Object> pinning = new LinkedHashMap<>();
            pinning.put("serverCpus", cpuPlan.serverCpus());
            pinning.put("loadgenCpus", cpuPlan.loadgenCpus());
            pinning.put("loadgenPinned", selfPinned);
            facts.put("pinning", pinning);
            facts.put("loadgenJvmFlags", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            RunRecord run = RunRecord.create(resultsRoot, "calibrate", facts);
            Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
            Runtime.getRuntime().addShutdownHook(hook);
            List<Floor.Result> results = new ArrayList<>();
            try {
                out.println("bench calibrate -> " + run.dir() + (selfPinned ? " (driver pinned to CPU "
                        + cpuPlan.loadgenCpus() + ", server to CPU " + cpuPlan.serverCpus() + ")" : " (no CPU pinning)"));
                if (!noSelfWarmup) {
                    SelfWarmup.run(out);
                }
                try (Instrument inst = Instrument.start(kind, keepaliveRequests, cpuPlan, run.dir())) {
                    out.printf("instrument: %s on port %d; %.0f req/s over %d connections%s, warm-up %s, %s per run%n",
                            inst.name(), inst.port(), rate, connections, pipeline > 1 ? ", pipeline " + pipeline : "",
                            seconds(warmup), seconds(duration));
                    Floor.warmInstrument(inst, connections, 1_000_000_000L);
                    for (int i = 1; i <= runs; i++) {
                        Path dir = run.dir().resolve(runs == 1 ? Floor.SERVER : Floor.SERVER + "-" + i);
                        Floor.Result r = Floor.measure(inst, rate, connections, pipeline, warmup.toNanos(),
                                duration.toNanos(), dir, out);
                        results.add(r);
                        if (runs > 1) {
                            Summary s = r.summary();
                            out.printf("run %d/%d: P99 %d µs, P99.9 %d µs, lag P99 %d µs, errors %d, %s%n", i, runs,
                                    s.latency().p99(), s.latency().p999(), s.lag().p99(), s.errors(),
                                    s.valid() ? "valid" : "NOT valid");
                        }
                    }
                }
            } catch (Exception e) {
                run.finish("failed", e.toString());
                throw e;
            }
            run.put("floor", results.get(0).json());
            if (runs > 1) {
                run.put("floors", results.stream().map(Floor.Result::json).toList());
            }
            run.finish("complete", null);
            Runtime.getRuntime().removeShutdownHook(hook);
            print(out, results);
            out.println("results: " + run.dir());
            return 0;
        } catch (Exception e) {
            System.err.println("bench calibrate: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? String.format("%.0f s", s) : String.format("%.1f s", s);
    }

    private void print(PrintStream out, List<Floor.Result> results) {
        out.println();
        // steal and JIT: the driver's CPU and JVM over the window (driverHealth), what most often explains a lag P99
        out.printf("%4s %9s %9s %9s %9s %9s %9s %8s %8s %7s  %s%n", "run", "P50 µs", "P99 µs", "P99.9 µs", "max µs",
                "lag P99", "req/s", "errors", "steal ms", "JIT ms", "valid");
        int valid = 0;
        for (int i = 0; i < results.size(); i++) {
            Summary s = results.get(i).summary();
            valid += s.valid() ? 1 : 0;
            DriverHealth h = s.driverHealth();
            out.printf("%4d %9d %9d %9d %9d %9d %9.0f %8d %8s %7s  %s%n", i + 1, s.latency().p50(), s.latency().p99(),
                    s.latency().p999(), s.latency().max(), s.lag().p99(), s.achievedRate(), s.errors(),
                    h == null ? "-" : String.valueOf(h.loadgen().stealMillis()),
                    h == null ? "-" : String.valueOf(h.jitMillis()),
                    LatencyTable.validity(s.valid(), s.invalidReasons(), s.driverHealth()));
        }
        out.printf("instrument: %s; driver %s at %.0f req/s over %d connections%s; valid in %d of %d run(s)%n",
                results.get(0).instrument(), "precise", rate, connections,
                pipeline > 1 ? " (pipeline " + pipeline + ")" : "", valid, results.size());
    }
}

package dev.concurrencybench.harness.tradeoffs;

import dev.concurrencybench.harness.microbench.JmhRun;
import dev.concurrencybench.harness.run.CpuPlan;
import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.harness.run.Sweep;
import dev.concurrencybench.loadgen.scenario.RequestSpec;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.scenario.ScenarioCatalog;
import dev.concurrencybench.loadgen.scenario.ScenarioException;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Measures the article's six rows for the given models, step by step, into a {@link TradeoffsTable}. A step that
 * fails is reported in the table ("not measured" with the reason) and in {@link #failures()}; the other steps still
 * run, so one broken model does not hide the rest of the table.
 *
 * <p>Threading: confined to the caller; {@link #run} blocks for the whole measurement (about 12 minutes in full mode,
 * well under a minute in quick mode with one server).
 */
public final class TradeoffsRun {

    private static final String MEMORY = "Memory per concurrent task";
    private static final String SWITCH = "Context switch cost";
    private static final String MODEL = "Programming model";
    private static final String CPU = "CPU parallelism";
    private static final String IO = "I/O concurrency";
    private static final String BLOCKING = "Blocking code penalty";

    /**
     * Where and what to measure.
     *
     * @param dir              the tradeoffs folder: sub-runs nest here and {@code tradeoffs.md} is written here
     * @param servers          server ids
     * @param settings         sizes (full or quick)
     * @param catalog          the scenarios ({@code plaintext}, {@code work-cpu}, {@code work-io}, {@code work-mixed-blocking})
     * @param sourceRoot       repository root, for the server modules' line counts
     * @param microbenchTarget the microbench module's target folder (for the hand-off figures)
     * @param handoffJson      an existing JMH JSON to read hand-off figures from instead of running JMH, or null
     * @param serverMain       the main class that serves ({@code bench serve})
     * @param out              progress lines
     */
    public record Inputs(Path dir, List<String> servers, TradeoffsSettings settings, ScenarioCatalog catalog,
                         Path sourceRoot, Path microbenchTarget, Path handoffJson, String serverMain, PrintStream out) {
    }

    private final Inputs in;
    private final TradeoffsTable table;
    private final SubRuns runs;
    private final List<String> failures = new ArrayList<>();
    private final int cpus = Runtime.getRuntime().availableProcessors();

    public TradeoffsRun(Inputs in) {
        this.in = in;
        this.table = new TradeoffsTable(in.dir(), in.servers());
        this.runs = new SubRuns(in.dir(), in.servers(), in.serverMain(), in.out());
    }

    public TradeoffsTable table() {
        return table;
    }

    /** Steps that failed, one line each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Runs every step. */
    public void run() {
        step("programming model", this::programmingModel);
        step("parked threads", this::parkedThreads);
        step("idle connections", this::idleConnections);
        step("hand-off microbenchmarks", this::handoffs);
        step("context switches per request", this::switchesPerRequest);
        step("blocking-code penalty", this::blockingPenalty);
        step("I/O concurrency sweep", this::ioConcurrency);
        step("CPU parallelism", this::cpuParallelism); // last: it re-pins this JVM to both CPUs
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) {
        in.out().println("bench tradeoffs: " + name + "...");
        try {
            step.run();
        } catch (Exception e) {
            String msg = name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            failures.add(msg);
            in.out().println("FAILED " + msg);
        }
    }

    private void programmingModel() throws IOException {
        for (String server : in.servers()) {
            Path module = ServerModuleLines.moduleOf(in.sourceRoot(), server);
            long[] lines = ServerModuleLines.count(module);
            if (lines[0] < 0) {
                table.note(MODEL, server + ": no module sources at " + module + ".");
                continue;
            }
            table.add(MODEL, server, String.format("%,d lines of code in %d files", lines[0], lines[1]), module);
        }
        table.note(MODEL, "Not measured: lines of Java (not blank, not comment) in each server module's src/main/java. "
                + "Every model runs the same pipeline, so this is the model's own code.");
    }

    private void parkedThreads() throws IOException {
        int n = in.settings().parkedThreads();
        Path dir = Files.createDirectories(in.dir().resolve("parked-threads"));
        for (String kind : List.of("platform", "virtual")) {
            ParkedThreadFootprint.Result r = ParkedThreadFootprint.measure(kind, n);
            Path raw = dir.resolve(kind + ".json");
            Json.write(raw, r);
            String server = kind.equals("platform") ? "threadpool" : "virtual";
            if (!in.servers().contains(server)) continue;
            table.add(MEMORY, server, String.format("parked %s thread: %s stack committed + %s heap", kind,
                    bytes(r.stackBytesPerThread()), bytes(r.heapBytesPerThread())), raw);
        }
        table.note(MEMORY, "Parked thread: " + n + " threads parked in LockSupport.park in a child JVM with "
                + "-XX:NativeMemoryTracking=summary; committed thread-stack memory (NMT) and live heap (class histogram) "
                + "before and after, per thread.");
    }

    private void idleConnections() throws IOException, InterruptedException {
        CpuPlan plan = CpuPlan.defaults(cpus);
        ServerLauncher launcher = new ServerLauncher(plan, in.serverMain());
        for (int n : in.settings().idleConnections()) {
            for (String server : in.servers()) {
                Path dir = in.dir().resolve("idle-connections").resolve(server + "-" + n);
                IdleConnections.Result r = IdleConnections.measure(launcher, server, n, dir, in.out());
                table.add(MEMORY, server, String.format("%,d idle conns: %s RSS + %s heap each (threads %d→%d)", n,
                        bytes(r.rssBytesPerConnection()), bytes(r.heapBytesPerConnection()), r.threadsBefore(),
                        r.threadsAfter()), dir.resolve("memory.json"));
            }
        }
        table.note(MEMORY, "Idle connections: a fresh server per count (threadpool with --threads equal to the "
                + "connections; it starts its threads up front, so its baseline is a 1-thread server); each "
                + "connection sends one GET /plaintext and stays open; extra RSS (/proc) and extra live heap (jcmd "
                + "GC.class_histogram) over the baseline, divided by the connections. The heap is committed up front "
                + "(-Xms), so heap objects show in the heap figure, not in RSS.");
    }

    private void handoffs() throws IOException, InterruptedException {
        Path json = in.handoffJson();
        if (json == null) {
            json = in.dir().resolve("microbench").resolve("jmh.json");
            JmhRun jmh = new JmhRun(in.microbenchTarget(), HandoffFigures.REGEX, false, false,
                    in.settings().jmhOptions(), json);
            jmh.jar(); // fails with a build hint when the benchmarks are not built
            int code = jmh.run();
            if (code != 0) throw new IOException("JMH exited with " + code);
        }
        Map<String, List<String>> figures = HandoffFigures.read(json);
        for (String server : in.servers()) {
            for (String f : figures.getOrDefault(server, List.of())) table.add(SWITCH, server, f + " per hand-off", json);
        }
        table.note(SWITCH, "Hand-off: JMH ping-pong (microbench module, handoff package), ns per one-way hand-off; "
                + "JMH options " + String.join(" ", in.settings().jmhOptions()) + ".");
    }

    private void switchesPerRequest() throws IOException, ScenarioException {
        Scenario plaintext = in.catalog().get("plaintext");
        SubRuns.Done done = runs.fixedRate(plaintext, in.settings().switchRate(), null, in.settings(),
                CpuPlan.defaults(cpus));
        for (Map.Entry<String, Summary> e : done.summaries().entrySet()) {
            ServerMetrics m = e.getValue().serverMetrics();
            long completed = e.getValue().requests().completed();
            if (m == null || completed == 0) continue;
            table.add(SWITCH, e.getKey(), String.format("%.2f voluntary + %.2f involuntary switches/request",
                    m.voluntaryContextSwitches() / (double) completed,
                    m.involuntaryContextSwitches() / (double) completed), summary(done, e.getKey(), plaintext.name()));
        }
        table.note(SWITCH, String.format("Switches per request: the server's /proc context-switch counts over a "
                + "fixed-rate plaintext run at %.0f req/s, divided by the responses.", in.settings().switchRate()));
    }

    private void blockingPenalty() throws IOException, ScenarioException {
        Scenario mixed = in.catalog().get("work-mixed-blocking");
        RequestSpec cheap = mixed.requests().stream().filter(r -> r.work() != null && r.work().blockMicros() == 0)
                .findFirst().orElseThrow(() -> new IOException("work-mixed-blocking has no non-blocking class"));
        Scenario without = new Scenario(mixed.name() + "-without-blocking", "the cheap class of work-mixed-blocking alone",
                mixed.rate(), mixed.connections(), mixed.pipeline(), mixed.tls(), mixed.connectionPerRequest(),
                mixed.poisson(), List.of(cheap));
        double rate = in.settings().blockingRate() > 0 ? in.settings().blockingRate() : mixed.rate();
        SubRuns.Done with = runs.fixedRate(mixed, rate, null, in.settings(), CpuPlan.defaults(cpus));
        SubRuns.Done base = runs.fixedRate(without, rate, null, in.settings(), CpuPlan.defaults(cpus));
        for (String server : in.servers()) {
            Summary a = with.summaries().get(server);
            Summary b = base.summaries().get(server);
            Percentiles pa = a == null || a.classes() == null ? null : a.classes().get(cheap.name());
            Percentiles pb = b == null || b.classes() == null ? null : b.classes().get(cheap.name());
            if (pa == null || pb == null || pb.p99() == 0) continue;
            table.add(BLOCKING, server, String.format("cheap-class P99 ×%.1f (%,d µs with 1%% blocking vs %,d µs without)",
                    pa.p99() / (double) pb.p99(), pa.p99(), pb.p99()), List.of(
                    new TradeoffsTable.Source("with blocking", summary(with, server, mixed.name())),
                    new TradeoffsTable.Source("without", summary(base, server, without.name()))));
        }
        table.note(BLOCKING, String.format("P99 of the '%s' class in work-mixed-blocking divided by the same class's "
                + "P99 when run alone, both at %.0f req/s (corrected latency, precise driver).", cheap.name(), rate));
    }

    private void ioConcurrency() throws IOException, ScenarioException {
        Scenario s = withWork(in.catalog().get("work-io"), "work-io-10ms", "work-io with 10 ms waits",
                w -> new RequestSpec.Work(w.cpuIterations(), 10_000, w.blockMicros(), w.payload()));
        long slo = in.settings().ioSlo().toNanos() / 1000;
        SubRuns.Done done = runs.sweep(s, in.settings().ioStartRate(), in.settings().ioSteps(), slo,
                in.settings().ioConnections(), in.settings(), CpuPlan.defaults(cpus));
        for (Map.Entry<String, Sweep.Result> e : done.sweeps().entrySet()) {
            double rate = e.getValue().maxRateWithinSlo();
            table.add(IO, e.getKey(), String.format("%,.0f req/s within P99 %d ms → %,.0f requests in flight (Little)",
                    rate, slo / 1000, rate * 0.010), done.cell(e.getKey(), s.name()).resolve("sweep.json"));
        }
        table.note(IO, String.format("Highest rate of a sweep (×2 per step from %.0f req/s, %d connections) whose "
                + "corrected P99 stayed within %d ms, with 10 ms non-blocking waits per request; in flight = rate × "
                + "10 ms (Little's law). A sweep that stops at its last step was limited by the sweep, not the model.",
                in.settings().ioStartRate(), in.settings().ioConnections(), slo / 1000));
    }

    private void cpuParallelism() throws IOException, ScenarioException {
        if (cpus < 2) {
            table.note(CPU, "Not measured: needs 2 CPUs, this machine has " + cpus + ".");
            return;
        }
        long iterations = in.settings().cpuIterations();
        Scenario work = withWork(in.catalog().get("work-cpu"), "work-cpu-heavy",
                "work-cpu with " + iterations + " rounds per request",
                w -> new RequestSpec.Work(iterations, w.ioMicros(), w.blockMicros(), w.payload()));
        double rate = in.settings().cpuRate();
        SubRuns.Done one = runs.fixedRate(work, rate, null, in.settings(), CpuPlan.parse("server=1,loadgen=0", cpus));
        SubRuns.Done two = runs.fixedRate(work, rate, null, in.settings(), CpuPlan.parse("server=0-1,loadgen=0-1", cpus));
        for (String server : in.servers()) {
            Summary a = one.summaries().get(server);
            Summary b = two.summaries().get(server);
            if (a == null || b == null || a.achievedRate() == 0) continue;
            table.add(CPU, server, String.format("%,.0f req/s on 1 core (%s cores busy), %,.0f on 2 (%s cores busy): ×%.2f%s",
                    a.achievedRate(), coresBusy(a), b.achievedRate(), coresBusy(b),
                    b.achievedRate() / a.achievedRate(),
                    b.achievedRate() >= 0.98 * rate ? " (capped by the offered rate)" : ""), List.of(
                    new TradeoffsTable.Source("1 core", summary(one, server, work.name())),
                    new TradeoffsTable.Source("2 cores", summary(two, server, work.name()))));
        }
        table.note(CPU, String.format("work-cpu with %,d rounds of SHA-256 per request (milliseconds of CPU each), "
                + "offered at %.0f req/s over the scenario's connections: above one core's capacity, so the achieved "
                + "rate is the capacity. Server pinned to 1 core, then to 2 cores shared with the load generator, "
                + "which sleeps between sends at this rate (gaps above its busy-poll threshold), so the server can "
                + "use nearly both. Cores busy = the server's CPU time / wall time (from /proc).",
                iterations, rate));
    }

    /** Server CPU seconds per wall second over the measurement, "1.93", or "?" without /proc figures. */
    private static String coresBusy(Summary s) {
        ServerMetrics m = s.serverMetrics();
        return m == null ? "?" : String.format("%.2f", m.cpuMicrosPerRequest() * s.achievedRate() / 1e6);
    }

    /** {@code base} under a new name with every request's work block changed by {@code change}. */
    private static Scenario withWork(Scenario base, String name, String description,
                                     UnaryOperator<RequestSpec.Work> change) {
        List<RequestSpec> changed = new ArrayList<>();
        for (RequestSpec r : base.requests()) {
            RequestSpec.Work w = r.work() == null ? null : change.apply(r.work());
            changed.add(new RequestSpec(r.name(), r.weight(), r.method(), r.path(), w, r.body(), r.expectStatus(),
                    r.expectBody(), r.expectContains()));
        }
        return new Scenario(name, description, base.rate(), base.connections(), base.pipeline(), base.tls(),
                base.connectionPerRequest(), base.poisson(), changed);
    }

    /** The summary.json a figure of {@code server} and {@code scenario} in {@code run} came from. */
    private static Path summary(SubRuns.Done run, String server, String scenario) {
        return run.cell(server, scenario).resolve("summary.json");
    }

    /** "8.0 MiB", "2.1 KiB", "312 B". */
    static String bytes(double b) {
        double a = Math.abs(b);
        if (a >= 1024 * 1024) return String.format("%.1f MiB", b / (1024 * 1024));
        if (a >= 1024) return String.format("%.1f KiB", b / 1024);
        return String.format("%.0f B", b);
    }
}

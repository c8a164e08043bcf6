package dev.concurrencybench.harness.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.concurrencybench.report.compare.CompareInputException;
import dev.concurrencybench.report.compare.CompareSettings;
import dev.concurrencybench.report.compare.Metric;
import dev.concurrencybench.report.compare.ResultsFolder;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench gate-check}: measures the regression gate itself on this machine. It runs the same build as
 * A1, B1, A2, B2, …, A(N+1), each a full run with K repetitions; the B runs carry a known slowdown
 * ({@code --inject-delay-us}). Trial t compares A(t) with A(t+1), where any gating regression is a false alarm,
 * and A(t) with B(t), where a gating regression is a detection. Consecutive A/A pairs share a run, which saves a
 * third of the machine time; each comparison is still a fair A/A, though neighbouring ones are correlated. Over the
 * trials it prints the false-alarm rate, the detection rate, the P99 effect the injected delay really had, and the
 * minimum detectable P99 effect at this K given the A/A intervals' width ({@link GateTally}). The runs stay in the
 * check's folder, so {@link #reanalyse} can judge them again with other settings (another δ) without re-running.
 * Not thread-safe; one instance per command.
 */
public final class GateCheck {

    private final RunPlan plan;
    private final int repeat;
    private final int trials;
    private final Long injectDelayMicros;
    private final CompareSettings settings;

    /**
     * @param plan              servers, scenarios, durations; its results root receives {@code gate-check-<time>/}
     * @param repeat            repetitions per run (K)
     * @param trials            A/A and A/B comparisons to make
     * @param injectDelayMicros the B side's slowdown, µs, or null for "10 % of A's P99 in the first trial"
     * @param settings          how compare judges
     */
    public GateCheck(RunPlan plan, int repeat, int trials, Long injectDelayMicros, CompareSettings settings) {
        this.plan = plan;
        this.repeat = repeat;
        this.trials = trials;
        this.injectDelayMicros = injectDelayMicros;
        this.settings = settings;
    }

    /** Runs every trial and prints the figures; returns 0, or 1 when a run failed. */
    public int run() throws IOException {
        Path root = plan.resultsRoot().resolve("gate-check-" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString().replace(':', '-'));
        Files.createDirectories(root);
        GateTally tally = new GateTally(settings, driver());
        Long delay = injectDelayMicros;
        plan.out().printf("%ngate-check: run A1 of %d A runs and %d B runs (folder %s)%n", trials + 1, trials, root);
        Path a = runOnce(plan.launcher().withInjectDelay(0), root.resolve("A1"));
        if (a == null) return 1;
        if (delay == null) {
            delay = autoDelay(a);
            plan.out().println("gate-check: injected delay set to " + delay + " µs (10 % of A1's P99, at most a "
                    + "tenth of a CPU at the target rate)");
        }
        for (int t = 1; t <= trials; t++) {
            plan.out().printf("%ngate-check trial %d of %d: B%d (%d µs injected)%n", t, trials, t, delay);
            Path b = runOnce(plan.launcher().withInjectDelay(delay), root.resolve("B" + t));
            plan.out().printf("%ngate-check trial %d of %d: A%d%n", t, trials, t + 1);
            Path next = runOnce(plan.launcher().withInjectDelay(0), root.resolve("A" + (t + 1)));
            if (b == null || next == null) return 1;
            plan.out().println(tally.add(t, a, next, b));
            a = next;
        }
        Map<String, Object> figures = tally.figures(repeat, plan.durationNanos() / 1e9, plan.warmupNanos() / 1e9,
                plan.servers(), plan.scenarios().stream().map(s -> s.name()).toList(), delay);
        Json.write(root.resolve("gate-check.json"), figures);
        GateTally.print(figures, plan.out(), root.resolve("gate-check.json"));
        return 0;
    }

    /**
     * Judges an earlier check's runs again, e.g. with another δ, without running anything: every complete trial
     * in {@code root} (A(t), B(t) and A(t+1) present; an interrupted check's complete trials count too). Writes
     * {@code gate-check-p99-<δ>.json} beside the runs and prints the figures.
     *
     * @throws CompareInputException when {@code root} holds no complete trial or a run's files are unreadable
     */
    public static void reanalyse(Path root, CompareSettings settings, PrintStream out) throws IOException {
        Path a = runIn(root.resolve("A1"));
        if (a == null) {
            throw new CompareInputException(root + " is not a gate-check folder: no A1/ with a run in it");
        }
        Map<String, Object> first = runJson(a);
        String driver = first.get("drivers") instanceof List<?> d && !d.contains("precise") ? "gatling" : "precise";
        GateTally tally = new GateTally(settings, driver);
        Object delay = null;
        for (int t = 1; ; t++) {
            Path b = runIn(root.resolve("B" + t));
            Path next = runIn(root.resolve("A" + (t + 1)));
            if (b == null || next == null) break;
            if (delay == null) delay = runJson(b).get("injectDelayUs");
            out.println(tally.add(t, a, next, b));
            a = next;
        }
        if (tally.trials() == 0) {
            throw new CompareInputException(root + " has no complete trial (B1 and A2 missing or empty)");
        }
        Object scenarios = first.get("scenarios") instanceof List<?> l
                ? l.stream().map(x -> x instanceof Map<?, ?> m ? m.get("name") : x).toList() : null;
        Map<String, Object> figures = tally.figures(first.get("repeat"), first.get("durationSeconds"),
                first.get("warmupSeconds"), first.get("servers"), scenarios, delay);
        Path json = root.resolve(String.format(Locale.ROOT, "gate-check-p99-%.1f.json",
                settings.delta(Metric.P99) * 100));
        Json.write(json, figures);
        GateTally.print(figures, out, json);
    }

    /** A run's {@code run.json}. */
    private static Map<String, Object> runJson(Path run) {
        Path file = run.resolve("run.json");
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new CompareInputException("unreadable " + file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Whose files the comparisons read: the precise driver's whenever it ran. */
    private String driver() {
        return plan.drivers().contains(Driver.PRECISE) ? "precise" : "gatling";
    }

    private Path runOnce(ServerLauncher launcher, Path resultsRoot) throws IOException {
        RunPlan p = new RunPlan(plan.servers(), plan.scenarios(), plan.rate(), plan.connections(), plan.warmupNanos(),
                plan.durationNanos(), plan.tls(), plan.cpus(), launcher, resultsRoot, plan.out(), plan.drivers());
        int code = new Orchestrator(p).repeat(repeat).run();
        if (code != 0) {
            plan.out().println("gate-check: a run failed (see above); stopping");
            return null;
        }
        return runIn(resultsRoot);
    }

    /** The run folder inside one of the check's run roots (the newest), or null when there is none. */
    private static Path runIn(Path runRoot) throws IOException {
        if (!Files.isDirectory(runRoot)) return null;
        try (var s = Files.list(runRoot)) {
            return s.filter(Files::isDirectory).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    /** 10 % of the largest P99 of run A, at most a tenth of a CPU's time at the target rate, at least 1 µs. */
    private long autoDelay(Path run) {
        ResultsFolder f = ResultsFolder.load(run, driver());
        long p99 = 0;
        double rate = 1;
        for (var cell : f.cells().values()) {
            for (var rep : cell.repetitions()) {
                Summary s = rep.summary();
                p99 = Math.max(p99, s.latency().p99());
                rate = Math.max(rate, s.targetRate());
            }
        }
        long cap = (long) (100_000 / rate); // a tenth of a CPU: more saturates a busy 2-core machine
        return Math.max(1, Math.min(cap, p99 / 10));
    }
}

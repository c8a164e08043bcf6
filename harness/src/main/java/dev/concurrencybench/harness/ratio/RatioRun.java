package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.harness.run.ServerProcess;
import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.peers.Peer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One {@code bench ratio} sitting. Per phase (plain HTTP, then TLS) and per fork ({@link RatioSettings#forks()}: each
 * fork a fresh set of JVMs) it starts nginx and every model at once, each pinned to the servers' CPU, and verifies
 * their responses; then per endpoint: a discarded wrk warm-up of each server, then {@link RatioSettings#rounds()}
 * rounds in which every server in turn gets a closed-loop wrk run and a
 * fixed-rate CPU measurement (A B C A B C, never A A B B), so slow drift of the machine hits every server alike; a
 * model's group (the model, its twin, its peer) runs in reverse order every other round ({@link #roundOrder}).
 * With {@link RatioSettings#stageTimingCost()} every model also runs a second time with stage timing on, measured
 * back to back with the same model without it in every round; with {@link RatioSettings#peers()} each model's
 * production peer runs too, next to the model.
 *
 * <p>A server that fails to start, or a step that fails, is recorded ({@link RatioResults#fail}) and the sitting
 * goes on with the rest. Threading: confined to the caller; {@link #run} blocks for the whole sitting.
 */
public final class RatioRun {

    private static final long READY_NANOS = 30_000_000_000L;
    private static final long CPU_WARMUP_NANOS = 1_000_000_000L;

    /**
     * @param settings    what to measure
     * @param launcher    builds the models' command lines (identical JVM flags, pinned)
     * @param nginx       the nginx binary
     * @param serverCpus  taskset list of the servers' CPUs, or null
     * @param loadgenCpus taskset list of the load generator's CPUs (wrk), or null
     * @param dir         the sitting's results folder (logs go to {@code logs/})
     * @param out         progress lines
     */
    public record Inputs(RatioSettings settings, ServerLauncher launcher, Path nginx, String serverCpus,
                         String loadgenCpus, Path dir, PrintStream out) {
    }

    private final Inputs in;
    private final RatioSettings settings;
    private final RatioResults results = new RatioResults();
    private final Wrk wrk;
    private final PrintStream out;
    private int fork;

    public RatioRun(Inputs in) {
        this.in = in;
        this.settings = in.settings();
        this.wrk = new Wrk(in.loadgenCpus());
        this.out = in.out();
    }

    /** Runs the sitting; returns what was measured (failed steps included as failures). */
    public RatioResults run() throws IOException {
        Path logs = Files.createDirectories(in.dir().resolve("logs"));
        Path work = Files.createTempDirectory("bench-ratio-");
        try {
            List<Endpoint> plain = settings.endpoints().stream().filter(e -> !e.tls()).toList();
            List<Endpoint> tls = settings.endpoints().stream().filter(Endpoint::tls).toList();
            for (int fork = 1; fork <= settings.forks(); fork++) phase(plain, null, logs, fork);
            if (!tls.isEmpty()) {
                out.println("bench ratio: making a self-signed certificate (keytool) for nginx and the models");
                ServerKeys keys = ServerKeys.create(work);
                for (int fork = 1; fork <= settings.forks(); fork++) phase(tls, keys, logs, fork);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return results;
    }

    /** One fork of a phase: fresh server JVMs, measured for {@link RatioSettings#rounds()} rounds, then stopped. */
    private void phase(List<Endpoint> endpoints, ServerKeys keys, Path logs, int fork) throws IOException {
        boolean tls = keys != null;
        this.fork = fork;
        List<Contender> running = new ArrayList<>();
        List<List<Contender>> groups = new ArrayList<>(); // nginx alone, then each model with its twin and its peer
        try {
            out.printf("bench ratio: starting %s%s%s, pinned to CPU %s%n", String.join(", ", settings.contenders()),
                    tls ? " with TLS" : "", settings.forks() > 1 ? " (fork " + fork + "/" + settings.forks() + ")" : "",
                    in.serverCpus() == null ? "(none)" : in.serverCpus());
            try {
                running.add(Nginx.start(in.nginx(), keys, in.serverCpus(), logs, forkTag()));
                groups.add(List.copyOf(running));
            } catch (IOException e) {
                // without the reference there is no ratio: the whole phase fails
                throw new IOException("nginx did not start: " + e.getMessage() + " (see " + logs + ")", e);
            }
            for (String id : settings.servers()) {
                int groupStart = running.size();
                Contender c = startModel(id, keys, logs, false);
                if (c != null) running.add(c);
                if (settings.stageTimingCost()) {
                    Contender timed = startModel(id, keys, logs, true);
                    if (timed != null) running.add(timed);
                }
                Peer peer = settings.peerOf(id);
                if (peer != null) {
                    Contender p = startPeer(peer, keys, logs);
                    if (p != null) running.add(p);
                }
                if (running.size() > groupStart) groups.add(List.copyOf(running.subList(groupStart, running.size())));
            }
            for (Contender c : running) {
                results.describe(c.name(), c.description());
                out.printf("  %-12s %s on port %d%n", c.name(), c.description(), c.port());
            }
            for (Endpoint e : endpoints) {
                measure(e, running, groups);
            }
        } finally {
            for (Contender c : running) {
                c.close();
            }
        }
    }

    /**
     * Starts model {@code id}, with stage timing off, or with it on and a stage log as in {@code bench run}
     * ({@code timed}: the contender is named {@code id+timing}).
     */
    private Contender startModel(String id, ServerKeys keys, Path logs, boolean timed) throws IOException {
        String name = timed ? id + RatioSettings.TIMED : id;
        String tag = (timed ? id + "-timing" : id) + (keys != null ? "-tls" : "") + forkTag();
        List<String> options = new ArrayList<>(timed
                ? List.of("--stage-log", logs.resolve(tag + "-stages.hlog").toString())
                : List.of("--no-stage-timing"));
        options.addAll(tlsOptions(keys));
        String description = id + (timed ? " with stage timing" : "") + " (" + String.join(" ", in.launcher().jvmFlags()) + ")";
        return start(name, tag, description, keys, logs,
                port -> in.launcher().command(id, port, logs.resolve(tag + "-gc.log"), options));
    }

    /** Starts a model's production peer with the models' JVM flags, pinning and (for TLS) keystore. */
    private Contender startPeer(Peer peer, ServerKeys keys, Path logs) throws IOException {
        String tag = peer.id() + (keys != null ? "-tls" : "") + forkTag();
        String description = peer.description() + ", the production peer of " + peer.model() + " ("
                + String.join(" ", in.launcher().jvmFlags()) + ")";
        List<String> options = tlsOptions(keys);
        return start(peer.id(), tag, description, keys, logs,
                port -> in.launcher().peerCommand(peer.id(), port, logs.resolve(tag + "-gc.log"), options));
    }

    /** Log file suffix of the current fork: none with one fork, so a single-fork sitting's files keep their names. */
    private String forkTag() {
        return settings.forks() > 1 ? "-fork" + fork : "";
    }

    private static List<String> tlsOptions(ServerKeys keys) {
        return keys == null ? List.of()
                : List.of("--tls", "--keystore", keys.keystore().toString(), "--keystore-password", keys.password());
    }

    /**
     * Starts a server JVM and waits until it answers correctly; on failure records it and returns null.
     *
     * @param command the command line for a port
     */
    private Contender start(String name, String tag, String description, ServerKeys keys, Path logs,
                            IntFunction<List<String>> command) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between asking and binding
            int port = ServerProcess.freePort();
            Contender c = new Contender(name, description,
                    ServerProcess.start(name, port, command.apply(port), logs.resolve(tag + ".log")), keys != null, null);
            try {
                c.awaitVerified(READY_NANOS);
                return c;
            } catch (IOException e) {
                c.close();
                last = e;
            }
        }
        String msg = (keys != null ? "TLS " : "") + name + " did not start: " + last.getMessage() + " (see "
                + logs.resolve(tag + ".log") + ")";
        results.fail(msg);
        out.println("FAILED " + msg);
        return null;
    }

    /**
     * The order in which round {@code round} (from 1) measures the servers: group after group, each group (a model with
     * its stage-timed twin and its peer) in its own order in odd rounds and reversed in even ones (A A′ P, then
     * P A′ A). The two sides of a pair stay back to back, and neither is always the one measured second, so whatever
     * the first run leaves behind on the machine does not weigh on one side only.
     */
    static <T> List<T> roundOrder(List<List<T>> groups, int round) {
        List<T> order = new ArrayList<>();
        for (List<T> g : groups) {
            if (round % 2 == 1) {
                order.addAll(g);
            } else {
                order.addAll(g.reversed());
            }
        }
        return order;
    }

    private void measure(Endpoint e, List<Contender> running, List<List<Contender>> groups) {
        if (settings.warmupSeconds() > 0) {
            out.printf("[%s] warm-up: %d s of wrk per server, discarded%n", e.id(), settings.warmupSeconds());
            for (Contender c : running) {
                try {
                    Wrk.Result w = wrk.run(c.url(e), settings.connections(), settings.warmupSeconds());
                    out.printf("[%s] warm-up %-16s %,12.0f req/s%n", e.id(), c.name(), w.requestsPerSecond());
                } catch (IOException x) {
                    out.printf("[%s] warm-up %-16s failed: %s%n", e.id(), c.name(), x.getMessage());
                }
            }
        }
        List<String> absent = new ArrayList<>(settings.contenders()); // failed to start in this fork
        for (Contender c : running) absent.remove(c.name());
        for (int round = 1; round <= settings.rounds(); round++) {
            // numbered across forks, so the order keeps alternating from one fork to the next
            int n = (fork - 1) * settings.rounds() + round;
            // a server missing from this fork still gets its rounds, empty, so round i of a pair stays round i
            for (String name : absent) results.add(e, name, new RatioResults.Round(Double.NaN, 0, Double.NaN, Double.NaN, 0));
            for (Contender c : roundOrder(groups, n)) {
                String where = String.format(Locale.ROOT, "[%s round %d/%d] %-16s", e.id(), n, settings.totalRounds(), c.name());
                double rps = Double.NaN;
                long wrkErrors = 0;
                String errorKinds = "";
                try {
                    Wrk.Result w = wrk.run(c.url(e), settings.connections(), settings.durationSeconds());
                    rps = w.requestsPerSecond();
                    wrkErrors = w.errors();
                    errorKinds = w.errorKinds();
                } catch (IOException x) {
                    fail(where, "wrk: " + x.getMessage(), c);
                }
                CpuFigure cpu = new CpuFigure(Double.NaN, Double.NaN, 0, 0);
                try {
                    cpu = cpuAtRate(c, e);
                    String why = unusable(cpu, settings.rate());
                    if (why != null) {
                        fail(where, String.format(Locale.ROOT, "CPU figure (%.1f µs/req) left out: %s", cpu.micros(), why), c);
                        cpu = new CpuFigure(Double.NaN, cpu.achievedRate(), cpu.errors(), cpu.completed());
                    }
                } catch (IOException | RuntimeException x) {
                    fail(where, "CPU at fixed rate: " + x.getMessage(), c);
                }
                results.add(e, c.name(), new RatioResults.Round(rps, wrkErrors, cpu.micros(), cpu.achievedRate(), cpu.errors()));
                out.printf("%s %12s req/s%s | %6s CPU µs/req at %s req/s%s%n", where, RatioReport.grouped(rps),
                        wrkErrors == 0 ? "" : " (" + wrkErrors + " errors: " + errorKinds + ")", RatioReport.micros(cpu.micros()),
                        RatioReport.grouped(cpu.achievedRate()), cpu.errors() == 0 ? "" : " (" + cpu.errors() + " errors)");
            }
        }
    }

    private void fail(String where, String what, Contender c) {
        String msg = where.replaceAll("\\s+", " ").strip() + ": " + what + (c.alive() ? "" : " (the server has exited)");
        results.fail(msg);
        out.println("FAILED " + msg);
    }

    /**
     * Why a fixed-rate CPU figure says nothing about the server's cost per request, or null when it is usable: more
     * than 1 % of the requests failed, or the rate fell more than 5 % short (the server, or the machine, was
     * saturated, and the window measured something else).
     */
    static String unusable(CpuFigure cpu, double rate) {
        if (cpu.errors() > 0.01 * (cpu.completed() + cpu.errors())) {
            return cpu.errors() + " failed requests";
        }
        if (cpu.achievedRate() < 0.95 * rate) {
            return String.format(Locale.ROOT, "only %,.0f of %,.0f req/s reached", cpu.achievedRate(), rate);
        }
        return null;
    }

    /** CPU µs per request, the achieved rate, and the failed requests of one fixed-rate measurement. */
    record CpuFigure(double micros, double achievedRate, long errors, long completed) {
    }

    /**
     * The precise driver at the fixed rate (1 s warm-up, then the measurement) while the server's processes are
     * sampled; CPU time over the measurement window, interpolated at its exact edges, over the requests completed in
     * it. Connection set-up (and TLS handshakes) happen before the window.
     */
    private CpuFigure cpuAtRate(Contender c, Endpoint e) throws IOException {
        Target target = Target.parse(c.url(e));
        RequestTemplate t = RequestTemplate.http(e.id(), 1, "GET", target.hostHeader(), e.path(), null, 200, e.body(), null);
        DriverConfig config = DriverConfig.openLoop(target, List.of(t), settings.rate(), settings.connections(),
                CPU_WARMUP_NANOS, settings.cpuDurationSeconds() * 1_000_000_000L);
        try (ProcessCpu cpu = new ProcessCpu(c.pids())) {
            DriverResult r = PreciseDriver.run(config, null);
            cpu.sample();
            long from = r.measureStartNanos();
            long to = from + r.measuredNanos();
            double used = cpu.cpuMicrosAt(to) - cpu.cpuMicrosAt(from);
            long completed = r.counts().completed();
            return new CpuFigure(completed == 0 ? Double.NaN : used / completed, r.achievedRate(), r.counts().errors(),
                    completed);
        }
    }
}

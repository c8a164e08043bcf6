package dev.concurrencybench.loadgen.gatling;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link BenchSimulation} in a child JVM ({@code io.gatling.app.Gatling -s … -rf … -rd …}), pinned like the
 * precise driver, then moves Gatling's results folder (HTML report and {@code simulation.log}, untouched) into the
 * cell's {@code gatling/} folder and reads the log into {@link GatlingLatency}.
 *
 * <p>Offline by construction: analytics off, Gatling's HTTP warm-up (to an outside host) off, and its version
 * check (an {@code HttpURLConnection} to Maven Central that no setting disables) sent to a closed loopback port
 * through the JVM's proxy properties, so it fails at once instead of leaving the machine or waiting out a timeout.
 * Gatling's own HTTP client ignores those properties. The child's output goes to {@code gatling/gatling.log};
 * a progress line is printed every 5 s. One run at a time per instance; the caller's thread blocks.
 */
public final class GatlingRunner {

    /** Gatling's entry point: its absence from the class path is reported before anything starts. */
    public static final String GATLING_MAIN = "io.gatling.app.Gatling";

    /**
     * Heap and GC of the Gatling JVM: a fixed 1 GiB heap (Gatling's own launchers default to {@code -Xmx1G}) with
     * G1 and the inlining flags Gatling's launchers use.
     */
    public static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:+ParallelRefProcEnabled", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12", "-XX:-UsePerfData",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final List<String> pinPrefix;
    private final int cpus;
    private final PrintStream out;

    /**
     * @param pinPrefix command prefix that pins the child, e.g. {@code [taskset, -c, 0]}, or empty
     * @param cpus      CPUs the child may use (its {@code -XX:ActiveProcessorCount}), &ge; 1
     * @param out       where progress lines go
     */
    public GatlingRunner(List<String> pinPrefix, int cpus, PrintStream out) {
        this.pinPrefix = List.copyOf(pinPrefix);
        this.cpus = Math.max(1, cpus);
        this.out = out;
    }

    /** Null when Gatling can be started from this class path, else the one-line reason. */
    public static String missingReason() {
        try {
            Class.forName(GATLING_MAIN, false, GatlingRunner.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "Gatling is not on the class path (" + GATLING_MAIN + " not found); rebuild with ./mvnw package";
        }
    }

    /** The JVM flags of the child, without the per-run properties; recorded in run.json. */
    public List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        flags.add("-XX:ActiveProcessorCount=" + cpus);
        return flags;
    }

    /**
     * Runs a plan.
     *
     * @param plan  what to run
     * @param dir   the cell's {@code gatling/} folder (created; a previous {@code summary.json} is removed)
     * @param label for progress lines
     * @throws GatlingException when no trustworthy result came out (one-line message)
     */
    public GatlingRun run(GatlingPlan plan, Path dir, String label) throws GatlingException, IOException {
        String missing = missingReason();
        if (missing != null) throw new GatlingException(missing);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("summary.json"));
        Path work = dir.resolve(".gatling-work");
        deleteTree(work);
        Files.createDirectories(work);
        Path planFile = dir.resolve("gatling-plan.json");
        plan.write(planFile);
        List<String> cmd = command(plan, planFile, work, label);
        Files.writeString(dir.resolve("gatling-command.txt"), String.join(" ", cmd) + System.lineSeparator());
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gatling.log").toFile()).start();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(plan.warmupMillis() + plan.durationMillis()) + SLACK_NANOS;
        long peakRss = 0;
        int exit;
        try {
            long nextLine = started + TimeUnit.SECONDS.toNanos(5);
            while (!p.waitFor(1, TimeUnit.SECONDS)) {
                peakRss = Math.max(peakRss, peakRssBytes(p.pid()));
                long now = System.nanoTime();
                if (now - deadline > 0) {
                    p.destroyForcibly();
                    throw new GatlingException("Gatling did not finish within "
                            + TimeUnit.NANOSECONDS.toSeconds(deadline - started) + " s; killed (see " + dir.resolve("gatling.log") + ")");
                }
                if (now - nextLine >= 0) {
                    out.printf("  %-28s gatling JVM running %3d s (load: %d s warm-up + %d s measured, then its report)%n",
                            label, TimeUnit.NANOSECONDS.toSeconds(now - started), plan.warmupMillis() / 1000,
                            plan.durationMillis() / 1000);
                    out.flush();
                    nextLine += TimeUnit.SECONDS.toNanos(5);
                }
            }
            exit = p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GatlingException("interrupted while Gatling was running");
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        // 0 = success, 2 = assertions failed (still a complete run); anything else: Gatling itself failed
        if (exit != 0 && exit != 2) {
            throw new GatlingException("Gatling exited with code " + exit + " (the simulation did not start or crashed): "
                    + lastError(dir.resolve("gatling.log")));
        }
        Path log = moveResults(work, dir);
        GatlingLatency latency;
        try {
            latency = GatlingLatency.read(log, plan.durationMillis());
        } catch (SimulationLogException e) {
            throw new GatlingException(e.getMessage());
        }
        check(latency);
        latency.write(dir);
        Boolean assertions = plan.slo() == null ? null : exit == 0;
        return new GatlingRun(dir, latency, wallSeconds, peakRss, exit, assertions, jvmFlags());
    }

    private List<String> command(GatlingPlan plan, Path planFile, Path work, String label) throws IOException {
        List<String> cmd = new ArrayList<>(pinPrefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.add("-D" + GatlingPlan.PROPERTY + "=" + planFile.toAbsolutePath());
        cmd.add("-Dgatling.data.enableAnalytics=false");
        cmd.add("-Dgatling.http.warmUpUrl=");
        cmd.add("-Dgatling.http.requestTimeout=" + plan.requestTimeoutMillis());
        cmd.add("-Dgatling.data.console.light=true");
        // Gatling's version check: through a "proxy" on a closed loopback port, refused at once
        int closed = closedLoopbackPort();
        for (String scheme : List.of("http", "https")) {
            cmd.add("-D" + scheme + ".proxyHost=127.0.0.1");
            cmd.add("-D" + scheme + ".proxyPort=" + closed);
        }
        cmd.add("-Dhttp.nonProxyHosts=");
        // Gatling remembers version checks in the Java preferences; keep them out of the user's home
        cmd.add("-Djava.util.prefs.userRoot=" + work.resolve("prefs").toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GATLING_MAIN);
        // Gatling decodes -rd as Base64 whenever it can ("mix" would become two bytes of garbage): always encode it
        String description = java.util.Base64.getEncoder().encodeToString(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        cmd.addAll(List.of("-s", BenchSimulation.class.getName(), "-rf", work.toAbsolutePath().toString(),
                "-rd", description));
        return cmd;
    }

    private static void check(GatlingLatency l) throws GatlingException {
        long all = l.ok() + l.ko();
        if (all == 0) {
            throw new GatlingException("no request of the measurement window completed (" + l.warmupRequests()
                    + " in the warm-up)");
        }
        if (l.ok() == 0) {
            String first = l.firstErrors().isEmpty() ? "" : l.firstErrors().get(0);
            boolean refused = first.toLowerCase(java.util.Locale.ROOT).contains("refused");
            throw new GatlingException((refused ? "target refused connections: " : "")
                    + "all " + all + " requests were KO (Gatling exits 0 regardless); first: " + first);
        }
    }

    /** Moves Gatling's run folder into {@code dir} and removes the work folder; returns the simulation.log. */
    private static Path moveResults(Path work, Path dir) throws IOException, GatlingException {
        Path run;
        try (Stream<Path> s = Files.list(work)) {
            run = s.filter(f -> Files.isRegularFile(f.resolve("simulation.log"))).findFirst().orElse(null);
        }
        if (run == null) {
            throw new GatlingException("Gatling wrote no simulation.log (see " + dir.resolve("gatling.log") + ")");
        }
        try (Stream<Path> s = Files.list(run)) {
            for (Path f : s.toList()) {
                Path target = dir.resolve(f.getFileName());
                deleteTree(target);
                Files.move(f, target);
            }
        }
        deleteTree(work);
        return dir.resolve("simulation.log");
    }

    /** The root cause in Gatling's output: its last {@code Caused by:} line, else its last error line. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            String error = null;
            for (String l : lines) {
                String t = l.strip();
                if (t.startsWith("Caused by:")) {
                    error = t;
                } else if (error == null && !t.startsWith("at ") && (t.contains("Exception") || t.contains("ERROR"))) {
                    error = t;
                }
            }
            if (error == null) {
                error = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
            }
            return error + " (see " + log + ")";
        } catch (IOException e) {
            return "no log (" + e.getMessage() + ")";
        }
    }

    /** Peak resident set ({@code VmHWM}) of a process, bytes; 0 when /proc cannot tell. */
    static long peakRssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended: the previous sample stands
        }
        return 0;
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}

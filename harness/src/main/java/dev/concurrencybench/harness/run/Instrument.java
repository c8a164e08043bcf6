package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.responder.BenchResponder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server the driver's noise floor is measured against: one that costs almost nothing, pinned like the
 * servers under test. nginx with one worker ({@code return 200 "Hello, World!"}) when it is installed, else the
 * {@link BenchResponder} the suite ships, in its own JVM. nginx runs from a temporary directory (configuration,
 * pid and logs), on a free loopback port, in the foreground as a child of this JVM: it is stopped by
 * {@link #close}, and by the shutdown hook of {@link ServerProcess} on Ctrl-C.
 */
public final class Instrument implements AutoCloseable {

    /** Which server to use. */
    public enum Kind {
        /** nginx when installed, else the bench responder. */
        AUTO,
        /** nginx; fails when it is not installed. */
        NGINX,
        /** The bench responder. */
        RESPONDER;

        /** Parses {@code auto}, {@code nginx} or {@code responder}. */
        public static Kind parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "nginx" -> NGINX;
                case "responder" -> RESPONDER;
                default -> throw new IllegalArgumentException("instrument must be auto, nginx or responder, was '" + s + "'");
            };
        }
    }

    private static final long READY_NANOS = 15_000_000_000L;

    private final String name;
    private final ServerProcess process;
    private final Path workDir;
    private final boolean deleteWorkDir;

    private Instrument(String name, ServerProcess process, Path workDir, boolean deleteWorkDir) {
        this.name = name;
        this.process = process;
        this.workDir = workDir;
        this.deleteWorkDir = deleteWorkDir;
    }

    /**
     * Starts the instrument and waits until it answers {@code GET /plaintext}.
     *
     * @param kind              which server
     * @param keepaliveRequests close each connection after this many responses, announced (nginx's
     *                          {@code keepalive_requests}; the responder's {@code --close-after}), or null for
     *                          the server's default (nginx: 1000; responder: never)
     * @param cpus              pinning: the instrument gets the servers' CPUs
     * @param logDir            where its log goes ({@code instrument.log}); nginx's files go to a temporary
     *                          directory that is removed afterwards
     */
    public static Instrument start(Kind kind, Integer keepaliveRequests, CpuPlan cpus, Path logDir) throws IOException {
        Path nginx = kind == Kind.RESPONDER ? null : NginxBinary.locate();
        if (kind == Kind.NGINX && nginx == null) {
            throw new IOException("nginx is not installed (apt-get install nginx-light), or use the bench responder");
        }
        Files.createDirectories(logDir);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between asking and binding
            try {
                return nginx != null ? startNginx(nginx, keepaliveRequests, cpus, logDir)
                        : startResponder(keepaliveRequests, cpus, logDir);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** What the floor was measured against, e.g. {@code nginx 1.22.1 (1 worker)} or {@code bench responder}. */
    public String name() {
        return name;
    }

    public int port() {
        return process.port();
    }

    /** The instrument's process id (nginx's master; its worker is a descendant). */
    public long pid() {
        return process.pid();
    }

    private static Instrument startNginx(Path binary, Integer keepaliveRequests, CpuPlan cpus, Path logDir)
            throws IOException {
        NginxBinary nginx = NginxBinary.of(binary);
        String name = "nginx " + nginx.version() + " (1 worker"
                + (keepaliveRequests == null ? "" : ", keepalive_requests " + keepaliveRequests) + ")";
        Path dir = Files.createTempDirectory("bench-nginx-");
        int port = ServerProcess.freePort();
        String conf = NginxConfig.render(dir, port, keepaliveRequests, null, null, nginx.configure());
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Files.writeString(logDir.resolve("instrument-nginx.conf"), conf);
        return started(name, ServerProcess.start("nginx", port, nginx.command(dir, pinnedCpus(cpus)),
                logDir.resolve("instrument.log")), dir, true);
    }

    private static Instrument startResponder(Integer keepaliveRequests, CpuPlan cpus, Path logDir) throws IOException {
        int port = ServerProcess.freePort();
        List<String> cmd = new ArrayList<>();
        if (pinnedCpus(cpus) != null) cmd.addAll(List.of("taskset", "-c", pinnedCpus(cpus)));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:+AlwaysPreTouch", "-XX:-UsePerfData",
                "-XX:ActiveProcessorCount=" + cpus.serverCount(), "-cp", System.getProperty("java.class.path"),
                BenchResponder.class.getName(), "--port", Integer.toString(port)));
        if (keepaliveRequests != null) {
            cmd.addAll(List.of("--close-after", keepaliveRequests.toString()));
        }
        String name = BenchResponder.NAME + (keepaliveRequests == null ? "" : " (close after " + keepaliveRequests + ")");
        return started(name, ServerProcess.start("responder", port, cmd, logDir.resolve("instrument.log")), logDir, false);
    }

    private static Instrument started(String name, ServerProcess p, Path dir, boolean deleteDir) throws IOException {
        Instrument instrument = new Instrument(name, p, dir, deleteDir);
        try {
            p.awaitReady(false, READY_NANOS);
            return instrument;
        } catch (IOException | RuntimeException e) {
            instrument.close();
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    /** The servers' CPU list when pinning is on, else null. */
    private static String pinnedCpus(CpuPlan cpus) {
        return cpus.serverCpus() != null && CpuPlan.tasksetAvailable() ? cpus.serverCpus() : null;
    }

    /** Stops the instrument (nginx: its workers too) and removes its temporary directory. Always safe to call. */
    @Override
    public void close() {
        List<ProcessHandle> children = ProcessHandle.of(process.pid())
                .map(h -> h.descendants().toList()).orElse(List.of());
        process.stop();
        for (ProcessHandle c : children) {
            c.destroyForcibly(); // an nginx worker whose master was killed would otherwise keep the port
        }
        if (deleteWorkDir) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}

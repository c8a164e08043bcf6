package dev.concurrencybench.harness.run;

import dev.concurrencybench.peers.PeerMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of one server JVM: the same java binary, identical JVM flags for every model
 * (heap, GC, {@code -XX:ActiveProcessorCount} matching its CPU set, GC log), the CLI's own class path, and
 * {@code serve <id> --port P [--tls] --stage-log FILE}, under {@code taskset -c} when pinning is on. The defence flags
 * ({@code --max-connections}, {@code --min-request-data-rate}) are passed only when the user gave them; otherwise
 * every server runs with the pipeline's defaults, which are the same for every model.
 */
public class ServerLauncher {

    /**
     * Heap and GC, the same for every model. Native access is granted to all of them alike (Netty asks for it on
     * JDK 24+, which would otherwise print a warning into the reactive model's log only).
     */
    public static final List<String> COMMON_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
            "-XX:+UseStringDeduplication", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED");

    private final CpuPlan cpus;
    private final String mainClass;
    private final long injectDelayMicros;
    private final Integer maxConnections;       // null: the servers' default
    private final Long minRequestDataRate;      // null: the servers' default

    /**
     * @param cpus      where the server runs
     * @param mainClass the class whose {@code main} understands {@code serve <id> --port ...}
     */
    public ServerLauncher(CpuPlan cpus, String mainClass) {
        this(cpus, mainClass, 0);
    }

    /**
     * @param injectDelayMicros passed to every server as {@code --inject-delay-us} when above 0: a known slowdown
     *                          for {@code bench gate-check}
     */
    public ServerLauncher(CpuPlan cpus, String mainClass, long injectDelayMicros) {
        this(cpus, mainClass, injectDelayMicros, null, null);
    }

    private ServerLauncher(CpuPlan cpus, String mainClass, long injectDelayMicros, Integer maxConnections,
                           Long minRequestDataRate) {
        this.cpus = cpus;
        this.mainClass = mainClass;
        this.injectDelayMicros = injectDelayMicros;
        this.maxConnections = maxConnections;
        this.minRequestDataRate = minRequestDataRate;
    }

    /** The same launcher with another injected delay (gate-check's B side). */
    public ServerLauncher withInjectDelay(long micros) {
        return new ServerLauncher(cpus, mainClass, micros, maxConnections, minRequestDataRate);
    }

    /**
     * The same launcher passing {@code --max-connections} and {@code --min-request-data-rate} to every server;
     * null leaves a flag out (the server's default).
     */
    public ServerLauncher withDefences(Integer maxConnections, Long minRequestDataRate) {
        return new ServerLauncher(cpus, mainClass, injectDelayMicros, maxConnections, minRequestDataRate);
    }

    /** The busy-spin injected per request, µs; 0 when off. */
    public long injectDelayMicros() {
        return injectDelayMicros;
    }

    /** The launcher of {@code bench serve}: {@code dev.concurrencybench.cli.Main}. */
    public static ServerLauncher bench(CpuPlan cpus) {
        return new ServerLauncher(cpus, "dev.concurrencybench.cli.Main");
    }

    /** The JVM flags (without the GC log path) that every server gets; recorded in run.json. */
    public List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(COMMON_FLAGS);
        flags.add("-XX:ActiveProcessorCount=" + cpus.serverCount());
        return flags;
    }

    /** Whether servers are really pinned (a CPU list was asked for and taskset exists). */
    public boolean pinned() {
        return cpus.serverCpus() != null && CpuPlan.tasksetAvailable();
    }

    /**
     * The full command.
     *
     * @param serverId  provider id, e.g. {@code threadpool}
     * @param port      TCP port to listen on
     * @param tls       serve TLS
     * @param stageLog  where the server writes its per-stage {@code .hlog}
     * @param gcLog     where the JVM writes its GC log
     */
    public List<String> command(String serverId, int port, boolean tls, Path stageLog, Path gcLog) {
        List<String> options = new ArrayList<>();
        if (tls) {
            options.add("--tls");
        }
        options.addAll(List.of("--stage-log", stageLog.toAbsolutePath().toString()));
        if (injectDelayMicros > 0) {
            options.addAll(List.of("--inject-delay-us", Long.toString(injectDelayMicros)));
        }
        if (maxConnections != null) options.addAll(List.of("--max-connections", maxConnections.toString()));
        if (minRequestDataRate != null) {
            options.addAll(List.of("--min-request-data-rate", minRequestDataRate.toString()));
        }
        return command(serverId, port, gcLog, options);
    }

    /**
     * The full command with the caller's {@code serve} options instead of a stage log ({@code bench ratio} runs the
     * models with {@code --no-stage-timing}, and TLS with a keystore it shares with nginx).
     *
     * @param serverId     provider id, e.g. {@code threadpool}
     * @param port         TCP port to listen on
     * @param gcLog        where the JVM writes its GC log
     * @param serveOptions appended after {@code serve <id> --port P}
     */
    public List<String> command(String serverId, int port, Path gcLog, List<String> serveOptions) {
        List<String> cmd = java(gcLog, mainClass);
        cmd.addAll(List.of("serve", serverId, "--port", Integer.toString(port)));
        cmd.addAll(serveOptions);
        return cmd;
    }

    /**
     * The command of a production peer ({@code bench ratio}): the same JVM flags and pinning as a model, the CLI's
     * class path (which holds the peers), and {@code PeerMain <peer> --port P} with the caller's options.
     *
     * @param peerId  e.g. {@code helidon}
     * @param options appended, e.g. {@code --tls --keystore ...}
     */
    public List<String> peerCommand(String peerId, int port, Path gcLog, List<String> options) {
        List<String> cmd = java(gcLog, PeerMain.class.getName());
        cmd.addAll(List.of(peerId, "--port", Integer.toString(port)));
        cmd.addAll(options);
        return cmd;
    }

    /** {@code [taskset -c CPUS] java <flags> -Xlog:gc:file=LOG -cp <the CLI's class path> MAIN}. */
    private List<String> java(Path gcLog, String main) {
        List<String> cmd = new ArrayList<>();
        if (pinned()) {
            cmd.addAll(List.of("taskset", "-c", cpus.serverCpus()));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        return cmd;
    }
}

package dev.concurrencybench.cli;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.pipeline.stage.StageLogWriter;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench serve <id>}: one server in the foreground until Ctrl-C or SIGTERM, then a graceful stop. Owns the
 * one thread that writes the stage log once a second (the pipeline owns none).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run one server in the foreground until Ctrl-C, for your own load tool (curl, wrk, h2load).",
                "Models: threadpool, eventloop, virtual, reactive (those built into this copy)."})
final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "server id, e.g. threadpool")
    String id;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--tls", description = "serve HTTPS (TLS 1.3 by default)")
    boolean tls;

    @Option(names = "--tls-protocol", defaultValue = "TLSv1.3", description = "TLSv1.3 or TLSv1.2 (default: ${DEFAULT-VALUE})")
    String tlsProtocol;

    @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS#12 keystore; default: a self-signed certificate made at start-up")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", defaultValue = "", description = "keystore password")
    String keystorePassword;

    @Option(names = "--threads", defaultValue = "0", description = "threadpool: worker threads (default 200)")
    int threads;

    @Option(names = "--loops", defaultValue = "0", description = "eventloop: independent selector loops (default 1)")
    int loops;

    @Option(names = "--offload-cpu-threads", defaultValue = "0", description = "eventloop: CPU worker threads (default 0)")
    int offloadCpuThreads;

    @Option(names = "--event-loops", defaultValue = "0", description = "reactive: Netty event-loop threads (default: cores)")
    int eventLoops;

    @Option(names = "--backlog", defaultValue = "1024", description = "listen backlog (default: ${DEFAULT-VALUE})")
    int backlog;

    @Option(names = "--max-body", defaultValue = "1048576", description = "largest request body in bytes (default: ${DEFAULT-VALUE})")
    int maxBody;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
            description = "connections held at once (served, idle or queued); one more gets the model's documented "
                    + "answer: threadpool 503, reactive close, eventloop and virtual leave it in the listen backlog "
                    + "(default: ${DEFAULT-VALUE}, the same for every model)")
    int maxConnections;

    @Option(names = "--min-request-data-rate", paramLabel = "BYTES_PER_S",
            defaultValue = "" + HttpLimits.DEFAULT_MIN_REQUEST_DATA_RATE,
            description = "a request body arriving slower than this, judged once the header-read timeout (10 s) has "
                    + "passed since its headers, is answered 408 and closed; 0 turns it off (default: ${DEFAULT-VALUE})")
    long minRequestDataRate;

    @Option(names = "--stage-log", paramLabel = "FILE", description = "write per-stage histograms (tagged interval .hlog) once a second")
    Path stageLog;

    @Option(names = "--no-stage-timing", description = "do not time stages (removes even the clock reads)")
    boolean noStageTiming;

    @Option(names = "--inject-delay-us", defaultValue = "0", paramLabel = "N",
            description = "busy-spin N µs in the process stage of every request: a known slowdown for testing a "
                    + "regression gate (bench gate-check); off (0) by default, never for a real measurement")
    long injectDelayMicros;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkDefences(spec.commandLine(), maxConnections, minRequestDataRate);
        ServerProvider provider = ServiceLoader.load(ServerProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new Main.UserError("unknown model '" + id + "'; available: " + available()));
        if (stageLog != null && noStageTiming) throw new Main.UserError("--stage-log needs stage timing; drop --no-stage-timing");
        if (keystore != null && !tls) throw new Main.UserError("--keystore only makes sense with --tls");
        if (keystore != null && !Files.isReadable(keystore)) throw new Main.UserError("cannot read keystore " + keystore);
        ServerConfig config;
        try {
            config = ServerConfig.builder().host(host).port(port).backlog(backlog)
                    .tls(tls ? new TlsSettings(true, tlsProtocol, keystore, keystorePassword.toCharArray()) : TlsSettings.off())
                    .limits(HttpLimits.defaults().withMaxBodyBytes(maxBody).withMinRequestDataRate(minRequestDataRate))
                    .maxConnections(maxConnections)
                    .stageTiming(!noStageTiming).poolThreads(threads).loops(loops)
                    .offloadCpuThreads(offloadCpuThreads).eventLoopThreads(eventLoops)
                    .injectDelayMicros(injectDelayMicros).build();
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage());
        }
        Server server;
        try {
            server = provider.start(config);
        } catch (IOException e) {
            throw new Main.UserError("cannot start " + id + " on " + host + ":" + port + ": " + e.getMessage());
        }
        StageLogWriter log = stageLog == null ? null : new StageLogWriter(server.stages(), stageLog);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch logClosed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
            try {
                // The JVM halts when hooks return: give the main thread the moment it needs to finish the log.
                logClosed.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String scheme = tls ? "https" : "http";
        String where = server.address().getAddress().getHostAddress();
        if (where.contains(":")) where = "[" + where + "]";
        System.out.printf("%s listening on %s://%s:%d (%s)%s — Ctrl-C to stop%n", id, scheme, where,
                server.address().getPort(), provider.description(), (tls ? ", " + tlsProtocol : "")
                + (injectDelayMicros > 0 ? ", INJECTED DELAY " + injectDelayMicros + " µs per request" : ""));
        System.out.flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (log != null) log.writeInterval();
        }
        if (log != null) log.close();
        logClosed.countDown();
        return 0;
    }

    /**
     * One-line errors for the two defence flags, shared with {@code run} and {@code sweep}, which pass them on to
     * every server; null means "not given".
     */
    static void checkDefences(CommandLine cl, Integer maxConnections, Long minRequestDataRate) {
        if (maxConnections != null && (maxConnections < 1 || maxConnections > ServerConfig.MAX_MAX_CONNECTIONS)) {
            throw new CommandLine.ParameterException(cl, "--max-connections must be 1.."
                    + ServerConfig.MAX_MAX_CONNECTIONS + ", was " + maxConnections);
        }
        if (minRequestDataRate != null
                && (minRequestDataRate < 0 || minRequestDataRate > HttpLimits.MAX_MIN_REQUEST_DATA_RATE)) {
            throw new CommandLine.ParameterException(cl, "--min-request-data-rate must be 0 (off).."
                    + HttpLimits.MAX_MIN_REQUEST_DATA_RATE + " bytes/s, was " + minRequestDataRate);
        }
    }

    static String available() {
        return ServiceLoader.load(ServerProvider.class).stream().map(p -> p.get().id()).sorted()
                .collect(Collectors.joining(", "));
    }
}

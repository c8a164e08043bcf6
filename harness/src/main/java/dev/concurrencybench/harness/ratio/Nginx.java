package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.harness.run.NginxBinary;
import dev.concurrencybench.harness.run.NginxConfig;
import dev.concurrencybench.harness.run.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the reference nginx of a sitting: one worker, {@link NginxConfig} with keep-alive connections never closed,
 * its configuration, pid, logs and temp directories in a fresh temporary directory, in the foreground as a child of
 * this JVM under {@code taskset} ({@link NginxBinary#command}), so it is stopped with the sitting (and by
 * {@link ServerProcess}'s shutdown hook on Ctrl-C).
 */
public final class Nginx {

    private static final long READY_NANOS = 15_000_000_000L;

    private Nginx() {
    }

    /**
     * Starts nginx and waits until it answers.
     *
     * @param binary     the nginx binary
     * @param keys       the certificate to serve TLS with, or null for plain HTTP
     * @param serverCpus taskset CPU list, or null for no pinning
     * @param logDir     where its configuration and console output are kept
     * @param logSuffix  appended to their file names (a fork's), or empty
     */
    public static Contender start(Path binary, ServerKeys keys, String serverCpus, Path logDir, String logSuffix)
            throws IOException {
        NginxBinary nginx = NginxBinary.of(binary);
        String description = "nginx " + nginx.version() + " (1 worker)";
        boolean tls = keys != null;
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between asking and binding
            Path dir = Files.createTempDirectory("bench-ratio-nginx-");
            int port = ServerProcess.freePort();
            String conf = NginxConfig.render(dir, port, NginxConfig.NEVER_CLOSE, tls ? keys.certificate() : null,
                    tls ? keys.key() : null, nginx.configure());
            Files.writeString(dir.resolve("nginx.conf"), conf);
            String tag = (tls ? "nginx-tls" : "nginx") + logSuffix;
            Files.writeString(logDir.resolve(tag + ".conf"), conf);
            Contender c = new Contender(RatioResults.NGINX, description, ServerProcess.start(RatioResults.NGINX, port,
                    nginx.command(dir, serverCpus), logDir.resolve(tag + ".log")), tls, dir);
            try {
                c.awaitVerified(READY_NANOS);
                return c;
            } catch (IOException e) {
                c.close();
                last = new IOException(description + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }
}

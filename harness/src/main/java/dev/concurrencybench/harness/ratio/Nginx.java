package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.harness.run.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the reference nginx: one worker, {@link NginxConfig}, its configuration, pid, logs and temp directories in a
 * fresh temporary directory, in the foreground ({@code daemon off}) as a child of this JVM under {@code taskset}, so
 * it is stopped with the sitting (and by {@link ServerProcess}'s shutdown hook on Ctrl-C).
 */
public final class Nginx {

    private static final Pattern VERSION = Pattern.compile("nginx/([0-9][0-9.]*)");
    private static final long READY_NANOS = 15_000_000_000L;

    private Nginx() {
    }

    /** The nginx binary on PATH or in the usual sbin folders, or null. */
    public static Path find() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "nginx"))) return Path.of(d, "nginx");
        }
        return null;
    }

    /**
     * Starts nginx and waits until it answers.
     *
     * @param binary     the nginx binary
     * @param keys       the certificate to serve TLS with, or null for plain HTTP
     * @param serverCpus taskset CPU list, or null for no pinning
     * @param logDir     where its configuration and console output are kept
     */
    public static Contender start(Path binary, ServerKeys keys, String serverCpus, Path logDir) throws IOException {
        Matcher m = VERSION.matcher(output(binary.toString(), "-v"));
        String description = "nginx " + (m.find() ? m.group(1) : "?") + " (1 worker)";
        String configure = output(binary.toString(), "-V");
        boolean tls = keys != null;
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between asking and binding
            Path dir = Files.createTempDirectory("bench-ratio-nginx-");
            int port = ServerProcess.freePort();
            String conf = NginxConfig.render(dir, port, tls ? keys.certificate() : null, tls ? keys.key() : null, configure);
            Files.writeString(dir.resolve("nginx.conf"), conf);
            String tag = tls ? "nginx-tls" : "nginx";
            Files.writeString(logDir.resolve(tag + ".conf"), conf);
            List<String> cmd = new ArrayList<>();
            if (serverCpus != null) cmd.addAll(List.of("taskset", "-c", serverCpus));
            cmd.addAll(List.of(binary.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("error.log").toString(), "-g", "daemon off;"));
            Contender c = new Contender(RatioResults.NGINX, description, ServerProcess.start(RatioResults.NGINX, port, cmd,
                    logDir.resolve(tag + ".log")), tls, dir);
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

    private static String output(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            p.destroyForcibly();
        }
    }
}

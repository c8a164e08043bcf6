package dev.concurrencybench.harness.run;

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
 * An installed nginx: where it is, its version and what it was built with ({@code nginx -V}, which
 * {@link NginxConfig} needs), and the command line that runs it in the foreground from one directory, as a child of
 * this JVM ({@code bench ratio}'s reference and {@code bench calibrate}'s instrument).
 *
 * @param path      the binary
 * @param version   e.g. {@code 1.22.1}, or {@code ?} when {@code nginx -v} did not say
 * @param configure the output of {@code nginx -V}
 */
public record NginxBinary(Path path, String version, String configure) {

    private static final Pattern VERSION = Pattern.compile("nginx/([0-9][0-9.]*)");

    /** The nginx binary on PATH or in the usual sbin folders, or null when nginx is not installed. */
    public static Path locate() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin", "/sbin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "nginx"))) return Path.of(d, "nginx");
        }
        return null;
    }

    /** Asks {@code binary} for its version and build configuration. */
    public static NginxBinary of(Path binary) throws IOException {
        Matcher m = VERSION.matcher(output(binary.toString(), "-v"));
        return new NginxBinary(binary, m.find() ? m.group(1) : "?", output(binary.toString(), "-V"));
    }

    /**
     * {@code [taskset -c CPUS] nginx -p DIR/ -c DIR/nginx.conf -e DIR/error.log -g "daemon off;"}: in the foreground,
     * so it stops with this JVM, and with every path it writes under {@code dir}.
     *
     * @param cpus taskset CPU list, or null for no pinning
     */
    public List<String> command(Path dir, String cpus) {
        List<String> cmd = new ArrayList<>();
        if (cpus != null) cmd.addAll(List.of("taskset", "-c", cpus));
        cmd.addAll(List.of(path.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off;"));
        return cmd;
    }

    /** Output (stdout and stderr) of a short command. */
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

package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code nginx.conf} of the suite's nginx, the reference of {@code bench ratio} and the instrument of
 * {@code bench calibrate}: one worker, no access log, {@code return 200} with exactly the suite's {@code /plaintext}
 * and {@code /json} bodies and content types, on one loopback port, plain or TLS 1.3, everything it writes in one
 * directory. Pure text generation, so it is tested without nginx.
 */
public final class NginxConfig {

    /**
     * Keep-alive requests per connection before nginx closes it: far more than one measurement sends. The ratio
     * raises nginx's default of 1000 to this because the models never close a keep-alive connection: with the
     * default, nginx alone would pay a reconnect (and under TLS a full handshake) every 1000 requests per connection.
     */
    public static final int NEVER_CLOSE = 100_000_000;

    private NginxConfig() {
    }

    /**
     * @param dir               where the pid file, error log and temp directories go
     * @param port              loopback port to listen on
     * @param keepaliveRequests {@code keepalive_requests}, or null for nginx's default (1000)
     * @param certificate       PEM certificate chain for TLS, or null for plain HTTP
     * @param key               PEM private key for TLS, or null for plain HTTP
     * @param configureOutput   the output of {@code nginx -V}: nginx creates its temp directories at start-up, by
     *                          default under {@code /var/lib/nginx} (root only), so every one it was built with is
     *                          moved into {@code dir}
     */
    public static String render(Path dir, int port, Integer keepaliveRequests, Path certificate, Path key,
                                String configureOutput) {
        if ((certificate == null) != (key == null)) throw new IllegalArgumentException("TLS needs both a certificate and a key");
        boolean tls = certificate != null;
        StringBuilder c = new StringBuilder();
        c.append("worker_processes 1;\n");
        c.append("pid ").append(dir.resolve("nginx.pid")).append(";\n");
        c.append("error_log ").append(dir.resolve("error.log")).append(" warn;\n");
        c.append("events { worker_connections 4096; }\n");
        c.append("http {\n");
        c.append("  access_log off;\n");
        if (keepaliveRequests != null) c.append("  keepalive_requests ").append(keepaliveRequests).append(";\n");
        for (String module : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            String flag = "--http-" + module.replace('_', '-') + "-temp-path";
            boolean compiledOut = configureOutput.contains("--without-http_" + module + "_module");
            if (configureOutput.contains(flag) && !compiledOut) {
                c.append("  ").append(module).append("_temp_path ").append(dir.resolve(module)).append(";\n");
            }
        }
        c.append("  server {\n");
        c.append("    listen 127.0.0.1:").append(port).append(tls ? " ssl" : "").append(" backlog=1024;\n");
        if (tls) {
            c.append("    ssl_certificate ").append(certificate).append(";\n");
            c.append("    ssl_certificate_key ").append(key).append(";\n");
            // the models serve TLS 1.3 only (bench serve --tls)
            c.append("    ssl_protocols TLSv1.3;\n");
        }
        c.append("    location = /plaintext { default_type text/plain; return 200 \"")
                .append(Scenario.PLAINTEXT_BODY).append("\"; }\n");
        c.append("    location = /json { default_type application/json; return 200 '")
                .append(Scenario.JSON_BODY).append("'; }\n");
        c.append("  }\n");
        c.append("}\n");
        return c.toString();
    }
}

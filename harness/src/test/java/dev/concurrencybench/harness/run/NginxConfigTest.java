package dev.concurrencybench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's nginx: its configuration (pure text) and its command line. */
class NginxConfigTest {

    private static final String DEBIAN_CONFIGURE = "nginx version: nginx/1.22.1\nconfigure arguments: "
            + "--http-client-body-temp-path=/var/lib/nginx/body --http-proxy-temp-path=/var/lib/nginx/proxy "
            + "--http-fastcgi-temp-path=/var/lib/nginx/fastcgi --without-http_uwsgi_module --without-http_scgi_module "
            + "--with-http_ssl_module";

    @Test
    void nginxConfigHasOneWorkerTheSuitesBodiesAndPrivateTempPaths() {
        Path dir = Path.of("/tmp/bench-ratio-nginx-x");
        String conf = NginxConfig.render(dir, 18080, NginxConfig.NEVER_CLOSE, null, null, DEBIAN_CONFIGURE);
        assertTrue(conf.startsWith("worker_processes 1;\n"), conf);
        assertTrue(conf.contains("pid /tmp/bench-ratio-nginx-x/nginx.pid;"), conf);
        assertTrue(conf.contains("access_log off;"), conf);
        assertTrue(conf.contains("keepalive_requests " + NginxConfig.NEVER_CLOSE + ";"), conf);
        assertTrue(conf.contains("listen 127.0.0.1:18080 backlog=1024;"), conf);
        assertTrue(conf.contains("location = /plaintext { default_type text/plain; return 200 \"Hello, World!\"; }"), conf);
        assertTrue(conf.contains("location = /json { default_type application/json; return 200 '{\"message\":\"Hello, World!\"}'; }"), conf);
        assertTrue(conf.contains("client_body_temp_path /tmp/bench-ratio-nginx-x/client_body;"), conf);
        assertTrue(conf.contains("fastcgi_temp_path /tmp/bench-ratio-nginx-x/fastcgi;"), conf);
        assertFalse(conf.contains("uwsgi_temp_path"), "compiled out, so the directive would be unknown: " + conf);
        assertFalse(conf.contains("ssl"), conf);
        assertEquals(conf.chars().filter(c -> c == '{').count(), conf.chars().filter(c -> c == '}').count(), conf);
    }

    @Test
    void nginxTlsConfigServesTls13WithTheGivenCertificate() {
        String conf = NginxConfig.render(Path.of("/t"), 8443, null, Path.of("/k/server.crt"), Path.of("/k/server.key"), "");
        assertTrue(conf.contains("listen 127.0.0.1:8443 ssl backlog=1024;"), conf);
        assertTrue(conf.contains("ssl_certificate /k/server.crt;"), conf);
        assertTrue(conf.contains("ssl_certificate_key /k/server.key;"), conf);
        assertTrue(conf.contains("ssl_protocols TLSv1.3;"), conf);
        assertFalse(conf.contains("temp_path"), "no temp path nginx was not built with: " + conf);
        assertFalse(conf.contains("keepalive_requests"), "null: nginx's own default (1000), as calibrate wants: " + conf);
        assertThrows(IllegalArgumentException.class, () -> NginxConfig.render(Path.of("/t"), 1, null, Path.of("/c"), null, ""));
    }

    @Test
    void nginxRunsInTheForegroundFromItsDirectoryPinnedWhenAsked() {
        NginxBinary nginx = new NginxBinary(Path.of("/usr/sbin/nginx"), "1.22.1", DEBIAN_CONFIGURE);
        assertEquals(List.of("taskset", "-c", "1", "/usr/sbin/nginx", "-p", "/d/", "-c", "/d/nginx.conf", "-e",
                "/d/error.log", "-g", "daemon off;"), nginx.command(Path.of("/d"), "1"));
        assertEquals("/usr/sbin/nginx", nginx.command(Path.of("/d"), null).get(0), "no taskset without pinning");
    }
}

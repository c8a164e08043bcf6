package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The verification pass before any load, as TechEmpower does: {@code /plaintext} and {@code /json} must answer
 * exactly per the wire contract (status, {@code Content-Type}, body, {@code Content-Length}, {@code Server} and
 * {@code Date} present). One request per connection, {@code Connection: close}; plain blocking sockets, so
 * nothing here shares code with the driver being checked.
 */
public final class ResponseVerifier {

    /** A parsed response. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    private ResponseVerifier() {
    }

    /**
     * Checks both endpoints.
     *
     * @throws IOException with a one-line description of the first difference
     */
    public static void verify(int port, boolean tls) throws IOException {
        check(fetch(port, tls, "/plaintext"), "/plaintext", "text/plain", Scenario.PLAINTEXT_BODY);
        check(fetch(port, tls, "/json"), "/json", "application/json", Scenario.JSON_BODY);
    }

    private static void check(Response r, String path, String type, String body) throws IOException {
        String where = "verification of GET " + path + ": ";
        if (r.status() != 200) throw new IOException(where + "status " + r.status() + ", expected 200");
        String ct = r.headers().getOrDefault("content-type", "");
        if (!ct.toLowerCase(Locale.ROOT).startsWith(type)) throw new IOException(where + "Content-Type '" + ct + "', expected " + type);
        if (!r.body().equals(body)) throw new IOException(where + "body '" + r.body() + "', expected '" + body + "'");
        String len = r.headers().get("content-length");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (len != null && !len.strip().equals(Integer.toString(bytes))) {
            throw new IOException(where + "Content-Length " + len + ", body has " + bytes + " bytes");
        }
        for (String h : new String[] {"server", "date"}) {
            if (!r.headers().containsKey(h)) throw new IOException(where + "no " + h + " header");
        }
    }

    /** One GET over a fresh connection, read to the end (close-delimited or Content-Length). */
    public static Response fetch(int port, boolean tls, String path) throws IOException {
        try (Socket s = open(port, tls)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) != -1) {
                all.write(buf, 0, n);
                Response r = parse(all.toByteArray());
                if (r != null) {
                    return r;
                }
            }
            Response r = parse(all.toByteArray());
            if (r == null) throw new IOException("incomplete response to GET " + path);
            return r;
        }
    }

    private static Response parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return null;
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) throw new IOException("bad status line '" + lines[0] + "'");
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) headers.put(lines[i].substring(0, c).strip().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip());
        }
        String len = headers.get("content-length");
        if (len == null) return null;
        int bodyLen = Integer.parseInt(len.strip());
        if (bytes.length < end + 4 + bodyLen) return null;
        return new Response(status, headers, new String(bytes, end + 4, bodyLen, StandardCharsets.UTF_8));
    }

    private static Socket open(int port, boolean tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        if (!tls) return plain;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            // servers under test use self-signed certificates; what is verified is the HTTP answer
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] c, String a) { }
                public void checkServerTrusted(X509Certificate[] c, String a) { }
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, new SecureRandom());
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
            s.startHandshake();
            return s;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS setup: " + e.getMessage());
        }
    }
}

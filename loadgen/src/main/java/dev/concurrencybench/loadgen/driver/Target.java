package dev.concurrencybench.loadgen.driver;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the driver sends: host, port, scheme and the default path, parsed from an {@code http(s)://} URL.
 *
 * @param host the host as written in the URL
 * @param port TCP port (80/443 when the URL has none)
 * @param tls  true for {@code https}
 * @param path request target of the URL, {@code /} when empty (query included)
 */
public record Target(String host, int port, boolean tls, String path) {

    /**
     * Parses a URL.
     *
     * @param url e.g. {@code http://127.0.0.1:8080/plaintext}
     * @throws IllegalArgumentException with a one-line reason when it is not an http(s) URL with a host
     */
    public static Target parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL must start with http:// or https://, was " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new Target(uri.getHost(), port, tls, path);
    }

    /** The {@code Host} header value. */
    public String hostHeader() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** True when every address the host resolves to is a loopback address. */
    public boolean isLoopback() {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package dev.concurrencybench.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 response exactly as it came off the wire, parsed by {@link RawHttpClient}.
 *
 * @param version the protocol token of the status line, e.g. {@code HTTP/1.1}
 * @param status  the three-digit status code
 * @param reason  the reason phrase (may be empty)
 * @param headers field lines in arrival order, names as sent
 * @param body    exactly {@code Content-Length} bytes
 */
public record RawResponse(String version, int status, String reason, List<Header> headers, byte[] body) {

    /** One response field line: name as sent, value with surrounding whitespace removed. */
    public record Header(String name, String value) {}

    public RawResponse {
        headers = List.copyOf(headers);
    }

    /** The single value of {@code name} (case-insensitive), or null when absent. */
    public String header(String name) {
        List<String> all = headers(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every value of {@code name} (case-insensitive) in arrival order. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>(1);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) out.add(h.value());
        }
        return out;
    }

    /** The media type of {@code Content-Type} without parameters, lower case; null when absent. */
    public String mediaType() {
        String ct = header("Content-Type");
        if (ct == null) return null;
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Status line, headers and body, for assertion messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(version).append(' ').append(status).append(' ').append(reason);
        for (Header h : headers) sb.append("\n").append(h.name()).append(": ").append(h.value());
        String text = bodyText();
        return sb.append("\n\n").append(text.length() > 300 ? text.substring(0, 300) + "…" : text).toString();
    }
}

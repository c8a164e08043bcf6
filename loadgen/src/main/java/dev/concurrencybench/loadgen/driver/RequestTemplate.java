package dev.concurrencybench.loadgen.driver;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One kind of request in a workload, pre-encoded to its exact HTTP/1.1 bytes so sending costs no formatting.
 *
 * @param name           the request class, e.g. {@code cheap} or {@code blocking}; latency is also recorded per class
 * @param weight         relative frequency in a mix, &gt; 0 (weights need not sum to anything)
 * @param bytes          the full request: request line, headers, blank line, body
 * @param expectStatus   the HTTP status every response must have
 * @param expectBody     the exact body a sampled response must have, or null to skip the exact check
 * @param expectContains a substring a sampled response body must contain, or null
 */
public record RequestTemplate(String name, double weight, byte[] bytes, int expectStatus, String expectBody,
                              String expectContains) {

    public RequestTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        if (!(weight > 0)) throw new IllegalArgumentException("weight must be > 0, was " + weight);
    }

    /**
     * Encodes a request.
     *
     * @param name        request class name
     * @param weight      relative frequency, &gt; 0
     * @param method      {@code GET} or {@code POST}
     * @param hostHeader  value of the {@code Host} header, e.g. {@code 127.0.0.1:8080}
     * @param path        request target starting with {@code /}
     * @param body        request body (sent as {@code application/json}), or null for none
     * @param expectStatus   expected status
     * @param expectBody     exact expected body or null
     * @param expectContains expected body substring or null
     */
    public static RequestTemplate http(String name, double weight, String method, String hostHeader, String path,
                                       String body, int expectStatus, String expectBody, String expectContains) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: concurrency-bench-loadgen\r\n")
                .append("Accept: */*\r\n");
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            sb.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
        return new RequestTemplate(name, weight, all, expectStatus, expectBody, expectContains);
    }

    /** Null when {@code body} passes this template's checks, else a one-line reason. */
    public String checkBody(String body) {
        if (expectBody != null && !expectBody.equals(body)) {
            return "body mismatch for " + name + ": expected " + abbreviate(expectBody) + ", got " + abbreviate(body);
        }
        if (expectContains != null && !body.contains(expectContains)) {
            return "body of " + name + " lacks " + abbreviate(expectContains) + ": " + abbreviate(body);
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? '"' + s + '"' : '"' + s.substring(0, 77) + "...\"";
    }
}

package dev.concurrencybench.pipeline.http;

/**
 * One complete, framed request as produced by {@link HttpRequestParser}.
 *
 * @param method    the method token exactly as sent (case-sensitive, RFC 9110 §9.1)
 * @param target    the request target as sent: origin-form ({@code /work?x=1}), absolute-form
 *                  ({@code http://host/work}), asterisk-form ({@code *}, OPTIONS) or authority-form (CONNECT)
 * @param version   HTTP/1.0 or HTTP/1.1 (a 1.x request with x above 1 is answered as 1.1, RFC 9110 §2.5)
 * @param headers   header fields (chunked trailers are not merged in)
 * @param body      the decoded body (de-chunked); empty array when none
 * @param keepAlive whether the connection may carry another request after this one's response
 *                  (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 */
public record HttpRequest(String method, String target, HttpVersion version, HttpHeaders headers, byte[] body,
                          boolean keepAlive) {

    /**
     * The target's path without its query string: for absolute-form the part after the authority ({@code /} when
     * empty, RFC 9112 §3.2.1), for asterisk-form and authority-form the target itself.
     */
    public String path() {
        int start = 0;
        int scheme = target.indexOf("://");
        if (target.charAt(0) != '/' && scheme > 0) {
            start = scheme + 3;
            while (start < target.length() && target.charAt(start) != '/' && target.charAt(start) != '?') start++;
        }
        int q = target.indexOf('?', start);
        String path = q < 0 ? target.substring(start) : target.substring(start, q);
        return path.isEmpty() ? "/" : path;
    }

    /**
     * The authority the request is for: an absolute-form target's own authority, which wins over Host (RFC 9112
     * §3.2.2); otherwise the Host value; empty when neither is present (an HTTP/1.0 request without Host).
     */
    public String authority() {
        int scheme = target.indexOf("://");
        if (target.charAt(0) != '/' && scheme > 0) {
            int end = scheme + 3;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') end++;
            return target.substring(scheme + 3, end);
        }
        if (target.charAt(0) != '/' && !target.equals("*")) return target;
        String host = headers.get("Host");
        return host == null ? "" : host;
    }
}

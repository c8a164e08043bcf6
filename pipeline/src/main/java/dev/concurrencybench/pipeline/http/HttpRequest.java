package dev.concurrencybench.pipeline.http;

/**
 * One complete, framed request as produced by {@link HttpRequestParser}.
 *
 * @param method    the method token exactly as sent (case-sensitive, RFC 9110 §9.1)
 * @param target    the request target as sent (origin-form, e.g. {@code /work?x=1})
 * @param version   HTTP/1.0 or HTTP/1.1
 * @param headers   header fields (chunked trailers are not merged in)
 * @param body      the decoded body (de-chunked); empty array when none
 * @param keepAlive whether the connection may carry another request after this one's response
 *                  (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 */
public record HttpRequest(String method, String target, HttpVersion version, HttpHeaders headers, byte[] body,
                          boolean keepAlive) {

    /** The target without its query string. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}

package dev.concurrencybench.pipeline.http;

import java.util.List;

/**
 * A response before encoding: status, body and the few headers an endpoint adds. The encoder adds
 * {@code Server}, {@code Date}, {@code Content-Length} and {@code Connection}.
 *
 * @param status       the status code
 * @param contentType  the Content-Type value
 * @param body         the body bytes (never null)
 * @param extraHeaders additional header fields, e.g. {@code Allow} on a 405
 * @param close        whether the connection must close after this response (framing lost, or asked to)
 */
public record HttpResponse(int status, String contentType, byte[] body, List<HttpHeaders.Field> extraHeaders,
                           boolean close) {

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, body, List.of(), false);
    }

    /** The same response, but closing the connection afterwards. */
    public HttpResponse closing() {
        return close ? this : new HttpResponse(status, contentType, body, extraHeaders, true);
    }
}

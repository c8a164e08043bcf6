package dev.concurrencybench.pipeline.http;

import java.util.List;

/**
 * Decides how a request's body is framed once its header section is complete (RFC 9112 §6.3), refusing every
 * combination that two recipients could read differently.
 *
 * <p>Stateless and thread-safe.
 */
final class BodyFraming {

    /** {@link #bodyLength} result for a chunked body. */
    static final long CHUNKED = -1;

    private BodyFraming() {}

    /**
     * @return {@link #CHUNKED}, or the body length in bytes (0 when there is no body)
     * @throws HttpParseException 400 for ambiguous or malformed framing; 413 above {@code maxBodyBytes}; 501 for a
     *                            transfer coding other than chunked
     */
    static long bodyLength(HttpVersion version, HttpHeaders headers, HttpLimits limits) throws HttpParseException {
        List<String> transferEncoding = headers.getAll("Transfer-Encoding");
        List<String> contentLength = headers.getAll("Content-Length");
        if (!transferEncoding.isEmpty()) {
            // RFC 9112 §6.3 item 3: both present "ought to be handled as an error"; a smuggling attempt, so reject.
            if (!contentLength.isEmpty()) {
                throw new HttpParseException(400, "Content-Length and Transfer-Encoding both present");
            }
            // RFC 9112 §6.1: a 1.0 recipient cannot have been sent chunked framing by a 1.1-aware client.
            if (version == HttpVersion.HTTP_1_0) {
                throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            HttpGrammar.requireChunkedOnly(transferEncoding);
            return CHUNKED;
        }
        if (!contentLength.isEmpty()) return HttpGrammar.contentLength(contentLength, limits.maxBodyBytes());
        // RFC 9112 §6.3 item 7: no Content-Length and no Transfer-Encoding means a request has no body.
        return 0;
    }
}

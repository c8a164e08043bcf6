package dev.concurrencybench.pipeline.http;

import java.nio.ByteBuffer;

/**
 * Incremental HTTP/1.1 request parser (RFC 9112): an explicit state machine that resumes at any byte boundary.
 * Not thread-safe: one instance per connection, used by one thread at a time.
 */
public final class HttpRequestParser {

    /** What {@link #parse} found. */
    public enum Result { NEED_MORE, REQUEST, ERROR }

    public HttpRequestParser(HttpLimits limits) {
        throw new UnsupportedOperationException("being written");
    }

    public Result parse(ByteBuffer in) {
        throw new UnsupportedOperationException("being written");
    }

    public HttpRequest request() {
        throw new UnsupportedOperationException("being written");
    }

    public HttpParseException error() {
        throw new UnsupportedOperationException("being written");
    }

    public boolean midRequest() {
        throw new UnsupportedOperationException("being written");
    }
}

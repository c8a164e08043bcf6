/**
 * HTTP/1.1 on the wire — the parse and write stages — shared by every server so that no implementation carries its
 * own parsing: {@link dev.concurrencybench.pipeline.http.HttpRequestParser} turns bytes into
 * {@link dev.concurrencybench.pipeline.http.HttpRequest}s or an
 * {@link dev.concurrencybench.pipeline.http.HttpParseException} carrying the RFC 9112 status, under the sizes of
 * {@link dev.concurrencybench.pipeline.http.HttpLimits}; {@link dev.concurrencybench.pipeline.http.HttpResponseEncoder}
 * writes responses. Nothing here does I/O or creates threads; parsers are per connection and not thread-safe, the
 * value types are immutable once built.
 */
package dev.concurrencybench.pipeline.http;

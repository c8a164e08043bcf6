/**
 * The parse and write stages: {@link dev.concurrencybench.pipeline.http.HttpRequestParser} (incremental RFC 9112
 * request parsing with limits) and {@link dev.concurrencybench.pipeline.http.HttpResponseEncoder}.
 */
package dev.concurrencybench.pipeline.http;

/**
 * The Reactor model: {@link dev.concurrencybench.server.reactive.ReactiveServer} (threads, bind, graceful shutdown)
 * and {@link dev.concurrencybench.server.reactive.ReactiveConnection} (one connection as a chain of Reactor operators
 * over the shared {@link dev.concurrencybench.pipeline.connection.HttpConnection}). Reactor Netty's
 * {@code TcpServer} only moves bytes; parsing, TLS and encoding stay in the shared pipeline. At
 * {@code --max-connections} a new connection is accepted and closed at once, without a byte.
 */
package dev.concurrencybench.server.reactive;

/**
 * Where the stages meet a connection: {@link dev.concurrencybench.pipeline.connection.Pipeline} bundles a server's
 * shared stages; {@link dev.concurrencybench.pipeline.connection.HttpConnection} is one connection's bytes-in,
 * bytes-out protocol state; {@link dev.concurrencybench.pipeline.connection.SocketOptions} is the accept stage.
 */
package dev.concurrencybench.pipeline.connection;

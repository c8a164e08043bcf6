/**
 * The server SPI: {@link dev.concurrencybench.pipeline.server.ServerProvider} finds a concurrency model by id,
 * {@link dev.concurrencybench.pipeline.server.ServerConfig} says how to run it, and
 * {@link dev.concurrencybench.pipeline.server.Server} is the running instance.
 */
package dev.concurrencybench.pipeline.server;

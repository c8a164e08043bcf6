/**
 * The event-loop model: {@link dev.concurrencybench.server.eventloop.EventLoopServer} (threads, {@code --loops},
 * {@code --offload-cpu-threads}, shutdown), {@link dev.concurrencybench.server.eventloop.EventLoop} (one selector
 * loop with its timers and posted tasks) and {@link dev.concurrencybench.server.eventloop.LoopConnection} (one
 * connection's non-blocking state machine around the shared
 * {@link dev.concurrencybench.pipeline.connection.HttpConnection}). At {@code --max-connections} the acceptor loop stops
 * asking for {@code OP_ACCEPT}, so new connections wait in the kernel's listen backlog until one closes.
 */
package dev.concurrencybench.server.eventloop;

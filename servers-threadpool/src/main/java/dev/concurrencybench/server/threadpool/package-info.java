/**
 * The thread-pool model: {@link dev.concurrencybench.server.threadpool.ThreadPoolServer} (threads and overload
 * policy), {@link dev.concurrencybench.server.threadpool.BlockingServer} (accept loop and shutdown) and
 * {@link dev.concurrencybench.server.threadpool.BlockingConnection} (one connection's blocking serve loop), the
 * latter two reused unchanged by the virtual-thread model.
 */
package dev.concurrencybench.server.threadpool;

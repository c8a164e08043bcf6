/**
 * The thread-pool model: {@link dev.concurrencybench.server.threadpool.ThreadPoolServer} (threads and overload
 * policy), {@link dev.concurrencybench.server.threadpool.BlockingServer} (accept loop and shutdown) and
 * {@link dev.concurrencybench.server.threadpool.BlockingConnection} (one connection's blocking serve loop), the
 * latter two reused by the virtual-thread model.
 *
 * <p>At {@code --max-connections} the thread-pool model accepts and answers {@code 503} with
 * {@code Connection: close}; the virtual-thread model, on the same {@code BlockingServer}, leaves new connections in
 * the listen backlog instead (see {@code BlockingServer}).
 */
package dev.concurrencybench.server.threadpool;

/**
 * The virtual-thread model: {@link dev.concurrencybench.server.virtual.VirtualThreadServer} runs the thread-pool
 * model's blocking serve loop on one virtual thread per connection. At {@code --max-connections} its acceptor waits
 * for a semaphore permit before accept(), so new connections wait in the kernel's listen backlog.
 */
package dev.concurrencybench.server.virtual;

/**
 * The virtual-thread model: {@link dev.concurrencybench.server.virtual.VirtualThreadServer} runs the thread-pool
 * model's blocking serve loop on one virtual thread per connection.
 */
package dev.concurrencybench.server.virtual;

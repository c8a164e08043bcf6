/** Creation costs: start and join a platform thread and a virtual thread, in µs per thread. */
package dev.concurrencybench.microbench.creation;

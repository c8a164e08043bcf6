/**
 * The bench responder: a one-thread NIO HTTP/1.1 server that costs almost nothing, shipped as the instrument of
 * {@code bench calibrate} when nginx is not installed and used to warm the driver's JIT before a run.
 */
package dev.concurrencybench.loadgen.responder;

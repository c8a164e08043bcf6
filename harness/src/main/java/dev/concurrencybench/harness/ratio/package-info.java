/**
 * {@code bench ratio}: each model side by side with nginx (one worker) in one interleaved sitting: closed-loop
 * throughput with wrk as a ratio to nginx's, and server CPU µs per request at a fixed rate with the precise driver,
 * for {@code /plaintext}, {@code /json} and {@code /json} over TLS. Nginx's configuration and certificate are made
 * at run time in a temporary directory; the models start through the suite's own launcher with identical flags.
 */
package dev.concurrencybench.harness.ratio;

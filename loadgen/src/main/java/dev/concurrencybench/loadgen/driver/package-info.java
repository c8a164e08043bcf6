/**
 * The precise open-loop driver: a schedule of intended send times in nanoseconds, plain-NIO driver loops that
 * each own their connections and do both the pacing and the socket I/O on one thread (busy-polling between
 * sends), pre-encoded HTTP/1.1 requests, and three HdrHistogram recorders (corrected, uncorrected, generator lag),
 * all in microseconds.
 *
 * <p>Coordinated omission: every latency in the <em>corrected</em> histogram is measured from the request's
 * intended send time, so time a request spends waiting for the generator or for a free connection counts.
 */
package dev.concurrencybench.loadgen.driver;

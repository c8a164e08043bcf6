package dev.concurrencybench.report.results;

/**
 * What the server process did during the measurement, from {@code /proc} and its GC log. Counts are deltas over
 * the measurement window; per-request figures divide by the successful responses.
 *
 * @param cpuMicros                    user + system CPU time of the server process, µs
 * @param cpuMicrosPerRequest          CPU µs per successful response
 * @param peakRssBytes                 highest resident set size seen (and VmHWM), bytes
 * @param maxThreads                   most threads seen at once
 * @param voluntaryContextSwitches     summed over the process's live threads
 * @param involuntaryContextSwitches   summed over the process's live threads
 * @param contextSwitchesPerRequest    (voluntary + involuntary) per successful response
 * @param listenOverflows              host-wide TcpExt ListenOverflows delta (loopback: ours, most likely)
 * @param listenDrops                  host-wide TcpExt ListenDrops delta
 * @param gcPauses                     GC pauses that ended inside the window
 * @param gcPauseTotalMillis           their summed length, ms
 * @param gcPauseMaxMillis             the longest, ms
 */
public record ServerMetrics(long cpuMicros, double cpuMicrosPerRequest, long peakRssBytes, int maxThreads,
                            long voluntaryContextSwitches, long involuntaryContextSwitches,
                            double contextSwitchesPerRequest, long listenOverflows, long listenDrops,
                            int gcPauses, double gcPauseTotalMillis, double gcPauseMaxMillis) {
}

package dev.concurrencybench.harness.proc;

/**
 * One reading of a process.
 *
 * @param nanoTime                   when it was taken, {@code System.nanoTime()} ns
 * @param cpuMicros                  user + system CPU time since the process started, µs
 * @param rssBytes                   resident set size, bytes
 * @param hwmBytes                   peak resident set size so far (VmHWM), bytes
 * @param threads                    live threads
 * @param voluntaryContextSwitches   summed over live threads
 * @param involuntaryContextSwitches summed over live threads
 * @param listenOverflows            host-wide TcpExt ListenOverflows counter
 * @param listenDrops                host-wide TcpExt ListenDrops counter
 */
public record ProcSample(long nanoTime, long cpuMicros, long rssBytes, long hwmBytes, int threads,
                         long voluntaryContextSwitches, long involuntaryContextSwitches, long listenOverflows,
                         long listenDrops) {
}

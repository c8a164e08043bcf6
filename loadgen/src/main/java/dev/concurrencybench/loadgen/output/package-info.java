/**
 * What one driver run writes and how it is judged: interval {@code .hlog} and {@code .hgrm} files
 * ({@link dev.concurrencybench.loadgen.output.MeasurementFiles}), the once-a-second console line
 * ({@link dev.concurrencybench.loadgen.output.LiveLine}), the {@code summary.json} record
 * ({@link dev.concurrencybench.loadgen.output.DriverSummary}) and the validity rule
 * ({@link dev.concurrencybench.loadgen.output.Validity}), and the driver's health over the measurement window
 * ({@link dev.concurrencybench.loadgen.output.DriverHealthWatch}: steal, JIT, GC and preemptions from
 * {@code /proc} and the JVM's beans, parsed by {@code ProcStat}).
 */
package dev.concurrencybench.loadgen.output;

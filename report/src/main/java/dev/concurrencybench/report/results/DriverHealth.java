package dev.concurrencybench.report.results;

import java.util.Locale;

/**
 * What happened to the load generator during the measurement window, so that a cell invalid for generator lag can
 * be explained afterwards: time the hypervisor stole from its CPUs, interrupt time and other processes on them, the
 * driver JVM's own JIT and GC, and how often the driver thread was preempted. All figures are deltas between a
 * reading at the window's start and one at its end, read off the hot path. Written to {@code summary.json} as the
 * optional {@code driverHealth} object; files without it stay readable.
 *
 * <p>The CPU figures come from {@code /proc/stat}'s per-CPU lines, in jiffies of 10 ms (USER_HZ 100): a figure of
 * 0 means "under 10 ms", and {@code otherMillis} (busy time on those CPUs minus the measured process's own CPU
 * time) is good to about ±20 ms.
 *
 * @param loadgenCpus              the driver JVM's CPUs (its affinity, a CPU list such as {@code 0} or {@code 0-1})
 * @param loadgen                  time on those CPUs
 * @param serverCpus               the server's CPUs, or null when the server is not a process of ours
 * @param server                   time on those CPUs, or null with {@code serverCpus}
 * @param jitMillis                the driver JVM's JIT compilation time, ms (summed over compiler threads)
 * @param gcPauses                 GC pauses in the driver JVM (pause beans: G1 Young/Old, ZGC/Shenandoah "Pauses")
 * @param gcPauseMillis            their summed length, ms
 * @param gcCycles                 concurrent GC cycles in the driver JVM ("Cycles" and "Concurrent" beans)
 * @param gcCycleMillis            their summed length, ms (concurrent work, not a pause)
 * @param driverInvoluntarySwitches involuntary context switches of the driver thread (preemptions)
 * @param driverVoluntarySwitches  voluntary context switches of the driver thread (it slept in select)
 */
public record DriverHealth(String loadgenCpus, CpuTime loadgen, String serverCpus, CpuTime server, long jitMillis,
                           long gcPauses, long gcPauseMillis, long gcCycles, long gcCycleMillis,
                           long driverInvoluntarySwitches, long driverVoluntarySwitches) {

    /**
     * Time on a set of CPUs that was not the measured process's, summed over the CPUs, ms.
     *
     * @param stealMillis time the hypervisor ran something else on these (virtual) CPUs
     * @param irqMillis   hard and soft interrupt time
     * @param otherMillis user + system time of other processes (busy time minus the measured process's CPU time)
     */
    public record CpuTime(long stealMillis, long irqMillis, long otherMillis) {
    }

    /**
     * One line for a validity reason, the driver's side only (the server's CPUs explain latency, not lag), e.g.
     * {@code steal 40 ms, irq 0 ms, other 10 ms on CPU 0; JIT 120 ms; 0 GC pauses; 12 preemptions}.
     */
    public String describe() {
        return String.format(Locale.ROOT, "steal %d ms, irq %d ms, other %d ms on CPU %s; JIT %d ms; %d GC pause%s%s;"
                        + " %d preemption%s", loadgen.stealMillis(), loadgen.irqMillis(), loadgen.otherMillis(),
                loadgenCpus, jitMillis, gcPauses, gcPauses == 1 ? "" : "s",
                gcPauses == 0 ? "" : " (" + gcPauseMillis + " ms)", driverInvoluntarySwitches,
                driverInvoluntarySwitches == 1 ? "" : "s");
    }
}

package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.DriverHealth;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads the load generator's health at the start and at the end of the measurement window and hands back the
 * difference as a {@link DriverHealth}: steal, interrupt and other-process time on the driver's and the server's
 * CPUs ({@code /proc/stat}), the driver JVM's JIT and GC time (its MXBeans), and the driver thread's context
 * switches ({@code /proc/thread-self/status}).
 *
 * <p>It is an {@link Interval.Listener} wrapped around the measurement's own listener: the start reading is taken
 * when the driver opens the window ({@link #onWindowOpen()}), the end reading with the last interval (after the
 * drain, when the driver loop has stopped sending). Each reading costs a few file reads, about 60–110 µs on the
 * 2-core development VM (median, under load), twice per measurement and never per request; the constructor takes
 * one reading to load the classes, so the one on the driver's thread is a warm one. Safepoint counts would need HotSpot's internal beans
 * ({@code --add-exports}) and the JIT's compilation count likewise: neither is read. Off Linux (no {@code /proc})
 * the result is null.
 *
 * <p>Threading: the window opens and the last interval arrives on the driver's own thread; {@link #result()} is
 * called by the same thread once the driver returned.
 */
public final class DriverHealthWatch implements Interval.Listener {

    private static final Path PROC = Path.of("/proc");

    private final Interval.Listener next;
    /** The server and its descendants (nginx's worker), listed once: listing scans every process in /proc. */
    private final List<Long> serverPids = new ArrayList<>();
    private final String loadgenCpus;
    private final BitSet loadgenSet;
    private final String serverCpus;
    private final BitSet serverSet;
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final List<GarbageCollectorMXBean> pauseBeans = new ArrayList<>();
    private final List<GarbageCollectorMXBean> cycleBeans = new ArrayList<>();
    private Path threadStatus;
    private Snapshot start;
    private Snapshot end;
    private boolean broken;

    /**
     * @param serverPid the server's pid (its CPU affinity names the server CPUs; it and its descendants are the
     *                  server's processes), or -1 when the server is not a process of ours
     * @param next      the listener to pass every call on to, or null
     */
    public DriverHealthWatch(long serverPid, Interval.Listener next) {
        this.next = next;
        if (serverPid > 0) {
            serverPids.add(serverPid);
            ProcessHandle.of(serverPid).ifPresent(p -> p.descendants().forEach(d -> serverPids.add(d.pid())));
        }
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            (isCycleBean(b.getName()) ? cycleBeans : pauseBeans).add(b);
        }
        String lg = null;
        String sv = null;
        try {
            lg = ProcStat.statusField(Files.readString(PROC.resolve("self/status")), "Cpus_allowed_list");
            if (serverPid > 0) {
                sv = ProcStat.statusField(Files.readString(PROC.resolve(serverPid + "/status")), "Cpus_allowed_list");
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
        loadgenCpus = lg;
        loadgenSet = lg == null ? new BitSet() : ProcStat.cpuList(lg);
        serverCpus = sv;
        serverSet = sv == null ? null : ProcStat.cpuList(sv);
        threadStatus = PROC.resolve("self/status");
        if (!broken) {
            try {
                read(); // warms the classes and code of a reading, so the one on the driver's thread is quick
            } catch (IOException | RuntimeException e) {
                broken = true;
            }
        }
    }

    /**
     * ZGC and Shenandoah report pauses and concurrent cycles in separate beans ("ZGC Minor Pauses", "ZGC Major
     * Cycles"); G1 reports its concurrent cycle as "G1 Concurrent GC". Only the pause beans stop the driver.
     */
    static boolean isCycleBean(String name) {
        return name.contains("Cycles") || name.contains("Concurrent");
    }

    @Override
    public void onWindowOpen() {
        if (!broken) {
            try {
                // /proc/thread-self is the calling thread's task directory: the driver thread's, here
                threadStatus = PROC.resolve(Files.readSymbolicLink(PROC.resolve("thread-self"))).resolve("status");
                start = read();
            } catch (IOException | RuntimeException e) {
                broken = true; e.printStackTrace();
            }
        }
        if (next != null) {
            next.onWindowOpen();
        }
    }

    @Override
    public void onInterval(Interval interval) {
        if (interval.last() && start != null && !broken) {
            try {
                end = read();
            } catch (IOException | RuntimeException e) {
                broken = true; e.printStackTrace();
            }
        }
        if (next != null) {
            next.onInterval(interval);
        }
    }

    /** The health over the window, or null when it could not be read (no /proc, or the window never opened). */
    public DriverHealth result() {
        return broken || start == null || end == null ? null : delta(start, end, loadgenCpus, serverCpus);
    }

    /**
     * One reading. Times in jiffies except the JVM's, in ms.
     *
     * @param loadgen          ticks of the driver's CPUs
     * @param loadgenProcess   utime + stime of the driver process
     * @param server           ticks of the server's CPUs, or null
     * @param serverProcess    utime + stime of the server and its descendants
     * @param jitMillis        total JIT compilation time, ms
     * @param gcPauses         collections counted by pause beans
     * @param gcPauseMillis    their time, ms
     * @param gcCycles         collections counted by cycle beans
     * @param gcCycleMillis    their time, ms
     * @param involuntary      nonvoluntary_ctxt_switches of the driver thread
     * @param voluntary        voluntary_ctxt_switches of the driver thread
     */
    record Snapshot(ProcStat.CpuTicks loadgen, long loadgenProcess, ProcStat.CpuTicks server, long serverProcess,
                    long jitMillis, long gcPauses, long gcPauseMillis, long gcCycles, long gcCycleMillis,
                    long involuntary, long voluntary) {
    }

    /** The difference of two readings, in ms. "Other" time is never negative (jiffy rounding can make it so). */
    static DriverHealth delta(Snapshot a, Snapshot b, String loadgenCpus, String serverCpus) {
        DriverHealth.CpuTime loadgen = cpuTime(b.loadgen.minus(a.loadgen), b.loadgenProcess - a.loadgenProcess);
        DriverHealth.CpuTime server = a.server == null || b.server == null ? null
                : cpuTime(b.server.minus(a.server), b.serverProcess - a.serverProcess);
        return new DriverHealth(loadgenCpus, loadgen, server == null ? null : serverCpus, server,
                b.jitMillis - a.jitMillis, b.gcPauses - a.gcPauses, b.gcPauseMillis - a.gcPauseMillis,
                b.gcCycles - a.gcCycles, b.gcCycleMillis - a.gcCycleMillis, b.involuntary - a.involuntary,
                b.voluntary - a.voluntary);
    }

    private static DriverHealth.CpuTime cpuTime(ProcStat.CpuTicks d, long processTicks) {
        return new DriverHealth.CpuTime(d.steal() * ProcStat.MILLIS_PER_JIFFY, d.irq() * ProcStat.MILLIS_PER_JIFFY,
                Math.max(0, d.busy() - processTicks) * ProcStat.MILLIS_PER_JIFFY);
    }

    private Snapshot read() throws IOException {
        String stat = Files.readString(PROC.resolve("stat"));
        ProcStat.CpuTicks loadgen = ProcStat.cpuTicks(stat, loadgenSet);
        long loadgenProcess = ProcStat.processTicks(Files.readString(PROC.resolve("self/stat")));
        ProcStat.CpuTicks server = null;
        long serverProcess = 0;
        if (serverSet != null) {
            server = ProcStat.cpuTicks(stat, serverSet);
            serverProcess = serverProcessTicks();
        }
        long pauses = 0;
        long pauseMillis = 0;
        for (GarbageCollectorMXBean g : pauseBeans) {
            pauses += Math.max(0, g.getCollectionCount());
            pauseMillis += Math.max(0, g.getCollectionTime());
        }
        long cycles = 0;
        long cycleMillis = 0;
        for (GarbageCollectorMXBean g : cycleBeans) {
            cycles += Math.max(0, g.getCollectionCount());
            cycleMillis += Math.max(0, g.getCollectionTime());
        }
        long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        String status = Files.readString(threadStatus);
        return new Snapshot(loadgen, loadgenProcess, server, serverProcess, jitMillis, pauses, pauseMillis, cycles,
                cycleMillis, switches(status, "nonvoluntary_ctxt_switches"), switches(status, "voluntary_ctxt_switches"));
    }

    private long serverProcessTicks() {
        long ticks = 0;
        for (long pid : serverPids) {
            try {
                ticks += ProcStat.processTicks(Files.readString(PROC.resolve(pid + "/stat")));
            } catch (IOException | RuntimeException e) {
                // a process that exited between listing and reading: its time is gone from both readings' view
            }
        }
        return ticks;
    }

    private static long switches(String status, String name) {
        String v = ProcStat.statusField(status, name);
        return v == null ? 0 : Long.parseLong(v);
    }
}

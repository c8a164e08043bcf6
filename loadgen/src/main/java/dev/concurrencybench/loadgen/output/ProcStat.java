package dev.concurrencybench.loadgen.output;

import java.util.BitSet;

/**
 * Parsing of the few {@code /proc} texts the driver-health figures need: {@code /proc/stat}'s per-CPU lines, CPU
 * lists ({@code 0}, {@code 0-1}, {@code 0,2-3}), {@code /proc/<pid>/stat} CPU times and {@code status} fields.
 * Pure functions over text, so they are tested on fixed samples. Times stay in jiffies (USER_HZ ticks).
 */
final class ProcStat {

    /**
     * USER_HZ, the unit of {@code /proc/stat} and {@code /proc/<pid>/stat} times: 100 on every Linux architecture
     * the JDK runs on (x86, arm64, ppc64le, s390x, riscv64); {@code getconf CLK_TCK} prints it.
     */
    static final long MILLIS_PER_JIFFY = 10;

    /**
     * Jiffies of a set of CPUs, summed over them.
     *
     * @param busy  user + nice + system (guest time is already inside user)
     * @param irq   irq + softirq
     * @param steal steal
     */
    record CpuTicks(long busy, long irq, long steal) {
        CpuTicks minus(CpuTicks o) {
            return new CpuTicks(busy - o.busy, irq - o.irq, steal - o.steal);
        }
    }

    private ProcStat() {
    }

    /** Sums the {@code cpuN} lines of {@code /proc/stat} text for the CPUs in {@code cpus} (not the {@code cpu} total). */
    static CpuTicks cpuTicks(String procStat, BitSet cpus) {
        long busy = 0;
        long irq = 0;
        long steal = 0;
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (!cpus.get(Integer.parseInt(f[0].substring(3)))) {
                continue;
            }
            // cpuN user nice system idle iowait irq softirq steal guest guest_nice (later fields absent on old kernels)
            busy += field(f, 1) + field(f, 2) + field(f, 3);
            irq += field(f, 6) + field(f, 7);
            steal += field(f, 8);
        }
        return new CpuTicks(busy, irq, steal);
    }

    private static long field(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0;
    }

    /** Parses a CPU list as the kernel and taskset write it: {@code 0}, {@code 0-1}, {@code 0,2-3}. */
    static BitSet cpuList(String list) {
        BitSet cpus = new BitSet();
        for (String item : list.trim().split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] range = item.trim().split("-", 2);
            int from = Integer.parseInt(range[0]);
            int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
            cpus.set(from, to + 1);
        }
        return cpus;
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line, jiffies (fields 14 and 15, counted after the command). */
    static long processTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): field n is f[n - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The value of a {@code Name:\tvalue} line of a {@code /proc/.../status} text, or null when absent. */
    static String statusField(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length() && line.charAt(name.length()) == ':') {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}

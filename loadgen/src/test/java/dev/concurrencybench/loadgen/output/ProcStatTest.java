package dev.concurrencybench.loadgen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** A 2-CPU /proc/stat as this VM writes it: the total line first, then one line per CPU, then the rest. */
    static final String STAT = """
            cpu  1100 20 330 90000 40 16 28 160 0 0
            cpu0 1000 10 300 40000 20 5 15 150 0 0
            cpu1 100 10 30 50000 20 11 13 10 0 0
            intr 123456 0 9 0
            ctxt 987654
            btime 1764500000
            processes 4321
            procs_running 2
            procs_blocked 0
            softirq 5555 1 2 3
            """;

    @Test
    void sumsTheNamedCpusLines() {
        assertEquals(new ProcStat.CpuTicks(1310, 20, 150), ProcStat.cpuTicks(STAT, ProcStat.cpuList("0")));
        assertEquals(new ProcStat.CpuTicks(140, 24, 10), ProcStat.cpuTicks(STAT, ProcStat.cpuList("1")));
        assertEquals(new ProcStat.CpuTicks(1450, 44, 160), ProcStat.cpuTicks(STAT, ProcStat.cpuList("0-1")));
    }

    @Test
    void neverCountsTheTotalLineAndIgnoresCpusNotPresent() {
        assertEquals(new ProcStat.CpuTicks(0, 0, 0), ProcStat.cpuTicks(STAT, ProcStat.cpuList("5")));
    }

    @Test
    void oldKernelLinesWithoutStealReadAsZeroSteal() {
        assertEquals(new ProcStat.CpuTicks(6, 0, 0), ProcStat.cpuTicks("cpu0 1 2 3 4\n", ProcStat.cpuList("0")));
    }

    @Test
    void cpuListsInTasksetSyntax() {
        assertEquals(bits(0), ProcStat.cpuList("0"));
        assertEquals(bits(0, 1), ProcStat.cpuList("0-1"));
        assertEquals(bits(0, 2, 3, 7), ProcStat.cpuList("0,2-3,7\n"));
    }

    @Test
    void processCpuTimeIsUtimePlusStimeEvenWithSpacesAndParenthesesInTheCommand() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1 0 0 0 731 122 0 0 20 0 30 0 100 0 0";
        assertEquals(853, ProcStat.processTicks(stat));
    }

    @Test
    void statusFieldsByExactName() {
        String status = "Name:\tjava\nCpus_allowed:\t1\nCpus_allowed_list:\t0\nvoluntary_ctxt_switches:\t12\n"
                + "nonvoluntary_ctxt_switches:\t3\n";
        assertEquals("0", ProcStat.statusField(status, "Cpus_allowed_list"));
        assertEquals("12", ProcStat.statusField(status, "voluntary_ctxt_switches"));
        assertEquals("3", ProcStat.statusField(status, "nonvoluntary_ctxt_switches"));
        assertNull(ProcStat.statusField(status, "Cpus"));
    }

    private static BitSet bits(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return b;
    }
}

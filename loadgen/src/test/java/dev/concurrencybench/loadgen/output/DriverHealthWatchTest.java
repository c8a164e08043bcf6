package dev.concurrencybench.loadgen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.DriverHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DriverHealthWatchTest {

    private static DriverHealthWatch.Snapshot snapshot(long steal, long irq, long busy, long process, long jit,
                                                       long pauses, long pauseMillis, long involuntary) {
        return new DriverHealthWatch.Snapshot(new ProcStat.CpuTicks(busy, irq, steal), process,
                new ProcStat.CpuTicks(busy / 2, irq, steal * 2), process / 2, jit, pauses, pauseMillis, 7, 70,
                involuntary, 1000);
    }

    @Test
    void deltasAreEndMinusStartInMilliseconds() {
        DriverHealthWatch.Snapshot a = snapshot(100, 50, 10_000, 9_000, 2_000, 3, 4, 10);
        DriverHealthWatch.Snapshot b = snapshot(104, 51, 11_500, 10_490, 2_120, 5, 6, 25);
        DriverHealth h = DriverHealthWatch.delta(a, b, "0", "1");
        assertEquals(new DriverHealth.CpuTime(40, 10, 100), h.loadgen());
        // server CPUs: busy 750 ticks, server process 745 ticks, steal 8 ticks
        assertEquals(new DriverHealth.CpuTime(80, 10, 50), h.server());
        assertEquals("0", h.loadgenCpus());
        assertEquals("1", h.serverCpus());
        assertEquals(120, h.jitMillis());
        assertEquals(2, h.gcPauses());
        assertEquals(2, h.gcPauseMillis());
        assertEquals(0, h.gcCycles());
        assertEquals(15, h.driverInvoluntarySwitches());
        assertEquals(0, h.driverVoluntarySwitches());
    }

    @Test
    void otherTimeIsNeverNegative() {
        // the process's jiffies can outrun the CPUs' by a tick or two: rounding, or a thread on another CPU
        DriverHealth h = DriverHealthWatch.delta(snapshot(0, 0, 100, 100, 0, 0, 0, 0),
                snapshot(0, 0, 200, 203, 0, 0, 0, 0), "0", "1");
        assertEquals(0, h.loadgen().otherMillis());
    }

    @Test
    void noServerReadingMeansNoServerFigures() {
        DriverHealthWatch.Snapshot a = new DriverHealthWatch.Snapshot(new ProcStat.CpuTicks(0, 0, 0), 0, null, 0, 0, 0,
                0, 0, 0, 0, 0);
        DriverHealth h = DriverHealthWatch.delta(a, a, "0", null);
        assertNull(h.server());
        assertNull(h.serverCpus());
    }

    @Test
    void zgcAndShenandoahCycleBeansAreNotPauses() {
        assertTrue(DriverHealthWatch.isCycleBean("ZGC Major Cycles"));
        assertTrue(DriverHealthWatch.isCycleBean("ZGC Minor Cycles"));
        assertTrue(DriverHealthWatch.isCycleBean("Shenandoah Cycles"));
        assertTrue(DriverHealthWatch.isCycleBean("G1 Concurrent GC"));
        assertFalse(DriverHealthWatch.isCycleBean("ZGC Minor Pauses"));
        assertFalse(DriverHealthWatch.isCycleBean("G1 Young Generation"));
        assertFalse(DriverHealthWatch.isCycleBean("G1 Old Generation"));
    }

    @Test
    void readsAtWindowOpenAndLastIntervalAndPassesEveryCallOn() {
        List<String> calls = new ArrayList<>();
        Interval.Listener next = new Interval.Listener() {
            @Override
            public void onInterval(Interval interval) {
                calls.add("interval " + interval.last());
            }

            @Override
            public void onWindowOpen() {
                calls.add("open");
            }
        };
        DriverHealthWatch watch = new DriverHealthWatch(ProcessHandle.current().pid(), next);
        assertNull(watch.result(), "nothing before the window opens");
        watch.onWindowOpen();
        watch.onInterval(interval(false));
        assertNull(watch.result(), "nothing before the last interval");
        watch.onInterval(interval(true));
        assertEquals(List.of("open", "interval false", "interval true"), calls);
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/thread-self/status"))) {
            DriverHealth h = watch.result();
            assertTrue(h != null && h.loadgenCpus() != null && h.server() != null, String.valueOf(h));
            assertTrue(h.jitMillis() >= 0 && h.driverInvoluntarySwitches() >= 0, String.valueOf(h));
        }
    }

    private static Interval interval(boolean last) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        return new Interval(0, 0, h, h, h, Map.of(), new Counts(0, 0, 0, 0, 0, 0, 0, 0), last);
    }
}

package dev.concurrencybench.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.concurrencybench.report.results.DriverHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidityCellTest {

    private static final DriverHealth HEALTH = new DriverHealth("0", new DriverHealth.CpuTime(40, 0, 10), "1",
            new DriverHealth.CpuTime(0, 0, 0), 120, 0, 0, 1, 30, 3, 100);

    @Test
    void validCellsSayYesWhateverTheHealth() {
        assertEquals("yes", LatencyTable.validity(true, List.of(), HEALTH));
    }

    @Test
    void aLagReasonAlreadyCarryingTheWindowIsNotRepeated() {
        String reason = "generator lag P99 900 µs is more than a quarter of the latency P99 1000 µs (window: "
                + HEALTH.describe() + ")";
        assertEquals("NO: " + reason, LatencyTable.validity(false, List.of(reason), HEALTH));
    }

    @Test
    void anyOtherInvalidCellGetsTheHealthAppendedOnOneLine() {
        assertEquals("NO: achieved 900 req/s, more than 1% under the target 1000 req/s (driver window: steal 40 ms, "
                        + "irq 0 ms, other 10 ms on CPU 0; JIT 120 ms; 0 GC pauses; 3 preemptions)",
                LatencyTable.validity(false, List.of("achieved 900 req/s, more than 1% under the target 1000 req/s"),
                        HEALTH));
    }

    @Test
    void filesWithoutHealthShowTheirReasonsAsBefore() {
        assertEquals("NO: a; b", LatencyTable.validity(false, List.of("a", "b"), null));
    }
}

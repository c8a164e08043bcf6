package dev.concurrencybench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small-K widening of the bootstrap interval: the Student-t interval's width, tending to 1. */
class SmallSampleWideningTest {

    @Test
    void threeRepetitionsPerSideWidenByTheTIntervalFactor() {
        // √(3/2) · t(0.95, 4) / z(0.95) = 1.2247 · 2.1318 / 1.6449
        assertEquals(1.5873, CellBootstrap.smallSampleWidening(3, 3), 1e-3);
    }

    @Test
    void oneRepetitionHasNoSpreadToCorrectAndMoreRepetitionsNeedLess() {
        assertEquals(1.0, CellBootstrap.smallSampleWidening(1, 5));
        double previous = Double.MAX_VALUE;
        for (int k = 2; k <= 200; k++) {
            double w = CellBootstrap.smallSampleWidening(k, k);
            assertTrue(w < previous && w > 1, k + ": " + w);
            previous = w;
        }
        assertEquals(1.0, CellBootstrap.smallSampleWidening(200, 200), 0.01);
    }

    @Test
    void tQuantilesJoinTheTableSmoothly() {
        assertEquals(6.3138, StudentT.quantile95(1), 1e-4);
        assertEquals(1.6973, StudentT.quantile95(30), 1e-4);
        assertEquals(1.6955, StudentT.quantile95(31), 2e-4);  // tables: 1.6955
        assertEquals(1.6759, StudentT.quantile95(50), 2e-4);  // tables: 1.6759
        assertEquals(1.6602, StudentT.quantile95(100), 2e-4); // tables: 1.6602
    }
}

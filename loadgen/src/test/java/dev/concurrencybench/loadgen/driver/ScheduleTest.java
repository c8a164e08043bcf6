package dev.concurrencybench.loadgen.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constantRateHasExactGapsWithoutDrift() {
        Schedule s = Schedule.constant(1_000, 3_000); // period 333_333.33 ns
        long first = s.next();
        assertEquals(1_000, first);
        long last = first;
        for (int i = 1; i <= 3_000_000; i++) {
            long t = s.next();
            long gap = t - last;
            assertTrue(gap == 333_333 || gap == 333_334, "gap " + gap);
            last = t;
        }
        assertEquals(1_000 + 1_000_000_000_000L, last, "3e6 requests at 3000/s end exactly 1000 s later");
    }

    @Test
    void poissonGapsHaveTheRightMeanAndSpread() {
        double rate = 10_000;
        Schedule s = Schedule.poisson(0, rate, 1);
        int n = 200_000;
        long prev = s.next();
        assertEquals(0, prev);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            long t = s.next();
            double gap = t - prev;
            assertTrue(gap >= 0);
            sum += gap;
            sumSq += gap * gap;
            prev = t;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        // exponential gaps: mean = sd = 1e9 / rate = 100 µs
        assertEquals(100_000, mean, 1_000);
        assertEquals(100_000, sd, 2_000);
    }

    @Test
    void poissonIsRepeatableWithTheSameSeed() {
        Schedule a = Schedule.poisson(5, 100, 9);
        Schedule b = Schedule.poisson(5, 100, 9);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    @Test
    void nonPositiveRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Schedule.constant(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Schedule.poisson(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Schedule.constant(0, Double.NaN));
    }
}

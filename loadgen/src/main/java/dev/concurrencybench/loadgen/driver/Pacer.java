package dev.concurrencybench.loadgen.driver;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a {@code System.nanoTime()} deadline: {@code parkNanos} for the bulk, then a spin for the last
 * {@value #SPIN_NANOS} ns. OS sleeps alone overshoot by the timer slack (50 µs by default on Linux) plus
 * scheduling delay; the spin absorbs that without burning a whole core.
 */
public final class Pacer {

    /** The final stretch, in nanoseconds, spent spinning instead of parked. */
    public static final long SPIN_NANOS = 80_000;

    private Pacer() {
    }

    /**
     * Returns at or just after {@code deadlineNanos}; immediately when it is already past.
     *
     * @param deadlineNanos absolute {@code System.nanoTime()} value in nanoseconds
     */
    public static void waitUntil(long deadlineNanos) {
        for (;;) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            if (remaining > SPIN_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}

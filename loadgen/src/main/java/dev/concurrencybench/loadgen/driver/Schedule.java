package dev.concurrencybench.loadgen.driver;

import java.util.SplittableRandom;

/**
 * The intended send times of an open workload, as absolute {@link System#nanoTime()} values.
 * Single-threaded: only the sender thread calls {@link #next()}.
 */
public interface Schedule {

    /** The intended send time of the next request, in nanoseconds on the {@code System.nanoTime()} clock. */
    long next();

    /**
     * A constant rate: request {@code i} is due at {@code startNanos + i * 1e9 / rate}, computed from {@code i}
     * each time so rounding never accumulates into drift.
     *
     * @param startNanos    intended send time of the first request, {@code System.nanoTime()} nanoseconds
     * @param ratePerSecond requests per second, &gt; 0
     */
    static Schedule constant(long startNanos, double ratePerSecond) {
        requirePositive(ratePerSecond);
        double periodNanos = 1e9 / ratePerSecond;
        return new Schedule() {
            private long i;

            @Override
            public long next() {
                return startNanos + (long) (i++ * periodNanos);
            }
        };
    }

    /**
     * Poisson arrivals: exponentially distributed gaps with mean {@code 1e9 / rate} nanoseconds, seeded so a run
     * can be repeated exactly. The first request is due at {@code startNanos}.
     *
     * @param startNanos    intended send time of the first request, {@code System.nanoTime()} nanoseconds
     * @param ratePerSecond mean requests per second, &gt; 0
     * @param seed          random seed
     */
    static Schedule poisson(long startNanos, double ratePerSecond, long seed) {
        requirePositive(ratePerSecond);
        double meanGapNanos = 1e9 / ratePerSecond;
        SplittableRandom random = new SplittableRandom(seed);
        return new Schedule() {
            private double t = startNanos;
            private boolean first = true;

            @Override
            public long next() {
                if (first) {
                    first = false;
                } else {
                    t += -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
                }
                return (long) t;
            }
        };
    }

    private static void requirePositive(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be > 0 requests/s, was " + ratePerSecond);
        }
    }
}

package dev.concurrencybench.loadgen.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one thread that samples the recorders: at the start of the measurement (discarding anything earlier),
 * then every second, then once more after the drain. It also sums the intervals into the run's totals.
 */
final class IntervalReporter extends Thread {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final LatencyRecorders recorders;
    private final long measureStartNanos;
    private final long endNanos;
    private final Interval.Listener listener;
    private final Histogram totalCorrected = LatencyRecorders.newHistogram();
    private final Histogram totalUncorrected = LatencyRecorders.newHistogram();
    private final Histogram totalLag = LatencyRecorders.newHistogram();
    private final Map<String, Histogram> totalByClass = new LinkedHashMap<>();
    private volatile boolean stop;
    private int index;

    IntervalReporter(LatencyRecorders recorders, long measureStartNanos, long endNanos, Interval.Listener listener) {
        super("loadgen-reporter");
        setDaemon(true);
        this.recorders = recorders;
        this.measureStartNanos = measureStartNanos;
        this.endNanos = endNanos;
        this.listener = listener;
        recorders.correctedByClass.keySet().forEach(k -> totalByClass.put(k, LatencyRecorders.newHistogram()));
    }

    @Override
    public void run() {
        Pacer.waitUntil(measureStartNanos);
        synchronized (this) {
            reset();
        }
        long next = measureStartNanos + INTERVAL_NANOS;
        while (!stop) {
            long now = System.nanoTime();
            if (now - next >= 0 && next - endNanos <= 0) {
                synchronized (this) {
                    if (!stop) {
                        snapshot(false);
                    }
                }
                next += INTERVAL_NANOS;
            } else {
                LockSupport.parkNanos(Math.min(Math.max(next - now, 1_000_000), 100_000_000));
            }
        }
    }

    private void reset() {
        recorders.corrected.reset();
        recorders.uncorrected.reset();
        recorders.lag.reset();
        recorders.correctedByClass.values().forEach(Recorder::reset);
    }

    /** Stops the periodic sampling and takes the final interval on the caller's thread. */
    void finish() {
        stop = true;
        LockSupport.unpark(this);
        try {
            join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            snapshot(true);
        }
    }

    private void snapshot(boolean last) {
        Histogram c = tagged(recorders.corrected.getIntervalHistogram(), "corrected");
        Histogram u = tagged(recorders.uncorrected.getIntervalHistogram(), "uncorrected");
        Histogram l = tagged(recorders.lag.getIntervalHistogram(), "lag");
        Map<String, Histogram> byClass = new LinkedHashMap<>();
        if (recorders.correctedByClass.size() > 1) {
            recorders.correctedByClass.forEach((k, r) -> byClass.put(k, tagged(r.getIntervalHistogram(), "corrected." + k)));
            byClass.forEach((k, h) -> totalByClass.get(k).add(h));
        }
        totalCorrected.add(c);
        totalUncorrected.add(u);
        totalLag.add(l);
        if (listener != null) {
            listener.onInterval(new Interval(index, System.nanoTime() - measureStartNanos, c, u, l, byClass,
                    recorders.counts(), last));
        }
        index++;
    }

    private static Histogram tagged(Histogram h, String tag) {
        h.setTag(tag);
        return h;
    }

    DriverResult result(DriverConfig config, long measuredNanos, List<String> firstErrors) {
        Map<String, Histogram> byClass = new LinkedHashMap<>();
        if (recorders.correctedByClass.size() > 1) {
            byClass.putAll(totalByClass);
        } else {
            recorders.correctedByClass.keySet().forEach(k -> byClass.put(k, totalCorrected));
        }
        return new DriverResult(config, measureStartNanos, measuredNanos, totalCorrected, totalUncorrected, totalLag, byClass,
                recorders.counts(), firstErrors);
    }
}

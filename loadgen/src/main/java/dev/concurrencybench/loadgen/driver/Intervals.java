package dev.concurrencybench.loadgen.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Interval histograms, taken by the driver loop itself (no reporter thread): at the start of the measurement
 * (discarding anything earlier), once a second, and once more after the drain. Each take swaps the recorders'
 * active histograms (recycling the previous interval's, so a take allocates little), sums the interval into the
 * run's totals and hands it to the listener. Used by one thread at a time.
 */
final class Intervals {

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final long periodNanos;
    private final LatencyRecorders recorders;
    private final Interval.Listener listener;
    private long measureStartNanos;
    private final Histogram totalCorrected = LatencyRecorders.newHistogram();
    private final Histogram totalUncorrected = LatencyRecorders.newHistogram();
    private final Histogram totalLag = LatencyRecorders.newHistogram();
    private final Map<String, Histogram> totalByClass = new LinkedHashMap<>();
    private final Map<String, Histogram> recycledByClass = new LinkedHashMap<>();
    private final Map<String, Histogram> spareByClass = new LinkedHashMap<>();
    private Histogram recycledCorrected;
    private Histogram recycledUncorrected;
    private Histogram recycledLag;
    private Histogram[] spare;
    private Histogram[] carried;
    private Map<String, Histogram> carriedByClass;
    private int index;

    /**
     * Creates the taker before anything is recorded, and lets every recorder allocate now the histograms it will
     * swap in later, so that opening the window and taking intervals allocate nothing.
     */
    Intervals(LatencyRecorders recorders, Interval.Listener listener, long periodNanos) {
        this.periodNanos = periodNanos;
        this.recorders = recorders;
        this.listener = listener;
        recorders.correctedByClass.keySet().forEach(k -> totalByClass.put(k, LatencyRecorders.newHistogram()));
        // two getIntervalHistogram() calls on a fresh recorder: it allocates a spare each time, we keep two
        recycledCorrected = recorders.corrected.getIntervalHistogram();
        recycledUncorrected = recorders.uncorrected.getIntervalHistogram();
        recycledLag = recorders.lag.getIntervalHistogram();
        spare = new Histogram[] {recorders.corrected.getIntervalHistogram(), recorders.uncorrected.getIntervalHistogram(),
                recorders.lag.getIntervalHistogram()};
        recorders.correctedByClass.forEach((k, r) -> {
            recycledByClass.put(k, r.getIntervalHistogram());
            spareByClass.put(k, r.getIntervalHistogram());
        });
    }

    /** The measurement window starts at {@code nanos} (nanoTime). */
    void measureStart(long nanos) {
        measureStartNanos = nanos;
    }

    /**
     * Opens the measurement: the first interval starts now. The recorders only ever hold requests intended in the
     * window, so what they hold already (another loop may have recorded a fast response a moment ago) is carried
     * into the first interval, not dropped.
     */
    void open() {
        carried = new Histogram[] {recorders.corrected.getIntervalHistogram(spare[0]),
                recorders.uncorrected.getIntervalHistogram(spare[1]), recorders.lag.getIntervalHistogram(spare[2])};
        carriedByClass = new LinkedHashMap<>();
        recorders.correctedByClass.forEach((k, r) -> carriedByClass.put(k, r.getIntervalHistogram(spareByClass.get(k))));
        if (listener != null) {
            listener.onWindowOpen();
        }
    }

    /** When the next periodic interval is due, nanoTime ns. */
    long nextDueNanos() {
        return measureStartNanos + (index + 1) * periodNanos;
    }

    /** Takes one interval and hands it to the listener. */
    void take(boolean last) {
        Histogram c = tagged(recycledCorrected = recorders.corrected.getIntervalHistogram(recycledCorrected), "corrected");
        Histogram u = tagged(recycledUncorrected = recorders.uncorrected.getIntervalHistogram(recycledUncorrected),
                "uncorrected");
        Histogram l = tagged(recycledLag = recorders.lag.getIntervalHistogram(recycledLag), "lag");
        if (carried != null) {
            addKeepingTimes(c, carried[0]);
            addKeepingTimes(u, carried[1]);
            addKeepingTimes(l, carried[2]);
        }
        Map<String, Histogram> byClass = new LinkedHashMap<>();
        if (recorders.correctedByClass.size() > 1) {
            for (Map.Entry<String, Recorder> e : recorders.correctedByClass.entrySet()) {
                Histogram h = e.getValue().getIntervalHistogram(recycledByClass.get(e.getKey()));
                recycledByClass.put(e.getKey(), h);
                if (carried != null) {
                    addKeepingTimes(h, carriedByClass.get(e.getKey()));
                }
                byClass.put(e.getKey(), tagged(h, "corrected." + e.getKey()));
                totalByClass.get(e.getKey()).add(h);
            }
        }
        carried = null;
        carriedByClass = null;
        totalCorrected.add(c);
        totalUncorrected.add(u);
        totalLag.add(l);
        if (listener != null) {
            listener.onInterval(new Interval(index, System.nanoTime() - measureStartNanos, c, u, l, byClass,
                    recorders.counts(), last));
        }
        index++;
    }

    /** Adds the counts of {@code from}; the interval keeps its own time stamps ({@code add} would widen them). */
    private static void addKeepingTimes(Histogram to, Histogram from) {
        long start = to.getStartTimeStamp();
        long end = to.getEndTimeStamp();
        to.add(from);
        to.setStartTimeStamp(start);
        to.setEndTimeStamp(end);
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
        return new DriverResult(config, measureStartNanos, measuredNanos, totalCorrected, totalUncorrected, totalLag,
                byClass, recorders.counts(), firstErrors);
    }
}

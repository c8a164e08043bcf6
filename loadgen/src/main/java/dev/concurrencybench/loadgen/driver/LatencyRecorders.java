package dev.concurrencybench.loadgen.driver;

import dev.concurrencybench.report.results.Counts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The driver's measurements: HdrHistogram {@link Recorder}s (1 µs to 60 s, 3 significant digits, values in
 * microseconds) and error counters. Recording is wait-free and may happen on any I/O thread; one reporter thread
 * takes interval histograms.
 *
 * <p>Only requests whose <em>intended</em> send time lies in the measurement window are recorded, so warm-up
 * requests that complete after the window opened do not leak into it.
 */
public final class LatencyRecorders {

    /** Lowest trackable value, in microseconds. */
    public static final long LOWEST_MICROS = 1;
    /** Highest trackable value (60 s), in microseconds; larger values are clamped to it. */
    public static final long HIGHEST_MICROS = 60_000_000;
    /** Significant decimal digits kept. */
    public static final int DIGITS = 3;

    final Recorder corrected = newRecorder();
    final Recorder uncorrected = newRecorder();
    final Recorder lag = newRecorder();
    final Map<String, Recorder> correctedByClass = new LinkedHashMap<>();

    final LongAdder completed = new LongAdder();
    final LongAdder statusErrors = new LongAdder();
    final LongAdder bodyErrors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder connectErrors = new LongAdder();
    final LongAdder notSent = new LongAdder();
    final LongAdder bodiesChecked = new LongAdder();
    private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorMessages = new AtomicInteger();

    volatile long windowStartNanos = Long.MAX_VALUE;
    volatile long windowEndNanos = Long.MAX_VALUE;

    LatencyRecorders(List<RequestTemplate> templates) {
        for (RequestTemplate t : templates) {
            correctedByClass.putIfAbsent(t.name(), newRecorder());
        }
    }

    static Histogram newHistogram() {
        return new Histogram(LOWEST_MICROS, HIGHEST_MICROS, DIGITS);
    }

    private static Recorder newRecorder() {
        return new Recorder(LOWEST_MICROS, HIGHEST_MICROS, DIGITS);
    }

    /** True when a request intended at {@code intendedNanos} belongs to the measurement. */
    boolean inWindow(long intendedNanos) {
        return intendedNanos - windowStartNanos >= 0 && intendedNanos - windowEndNanos < 0;
    }

    /**
     * Records one successful response.
     *
     * @param templateName  the request class
     * @param intendedNanos intended send time, nanoTime ns
     * @param readyNanos    when the generator was free to send it (intended, or later when it had to wait for a
     *                      free connection), nanoTime ns
     * @param sentNanos     when it was actually written, nanoTime ns
     * @param doneNanos     when the last byte of the response was read, nanoTime ns
     */
    void recordSuccess(String templateName, long intendedNanos, long readyNanos, long sentNanos, long doneNanos) {
        if (!inWindow(intendedNanos)) {
            return;
        }
        long c = micros(doneNanos - intendedNanos);
        corrected.recordValue(c);
        correctedByClass.get(templateName).recordValue(c);
        uncorrected.recordValue(micros(doneNanos - sentNanos));
        lag.recordValue(micros(sentNanos - Math.max(intendedNanos, readyNanos)));
        completed.increment();
    }

    /** Counts an error of a request intended at {@code intendedNanos}, remembering the first few messages. */
    void recordError(LongAdder counter, long intendedNanos, String message) {
        if (!inWindow(intendedNanos)) {
            return;
        }
        counter.increment();
        if (message != null && errorMessages.incrementAndGet() <= 10) {
            firstErrors.add(message);
        }
    }

    /** The first (up to ten) error messages, for the summary. */
    public List<String> firstErrors() {
        return new ArrayList<>(firstErrors);
    }

    static long micros(long nanos) {
        long us = Math.max(LOWEST_MICROS, (nanos + 500) / 1000);
        return Math.min(us, HIGHEST_MICROS);
    }

    /** The outcome counts so far. */
    Counts counts() {
        return new Counts(completed.sum(), statusErrors.sum(), bodyErrors.sum(), timeouts.sum(), resets.sum(),
                connectErrors.sum(), notSent.sum(), bodiesChecked.sum());
    }
}

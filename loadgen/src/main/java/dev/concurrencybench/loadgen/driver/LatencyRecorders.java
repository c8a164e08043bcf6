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
 * microseconds) and error counters. Recording allocates nothing and is wait-free, so a driver loop can record on
 * its hot path; the loop that owns the run takes interval histograms once a second ({@link Intervals}).
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
    /** Per request class (templates of one name share one), in first-seen order. */
    final Map<String, Recorder> correctedByClass = new LinkedHashMap<>();
    /** The class recorder of each template, by template index. */
    private final Recorder[] classOfTemplate;

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
        classOfTemplate = new Recorder[templates.size()];
        for (int i = 0; i < templates.size(); i++) {
            classOfTemplate[i] = correctedByClass.computeIfAbsent(templates.get(i).name(), k -> newRecorder());
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
     * Records one successful response. Allocates nothing.
     *
     * @param template      index of the request's template
     * @param intendedNanos intended send time, nanoTime ns
     * @param readyNanos    when the generator was free to send it (intended, or later when it had to wait for a
     *                      free connection), nanoTime ns
     * @param sentNanos     when it was actually written, nanoTime ns
     * @param doneNanos     when the last byte of the response was read, nanoTime ns
     */
    void recordSuccess(int template, long intendedNanos, long readyNanos, long sentNanos, long doneNanos) {
        if (!inWindow(intendedNanos)) {
            return;
        }
        long c = micros(doneNanos - intendedNanos);
        corrected.recordValue(c);
        classOfTemplate[template].recordValue(c);
        uncorrected.recordValue(micros(doneNanos - sentNanos));
        lag.recordValue(micros(sentNanos - Math.max(intendedNanos, readyNanos)));
        completed.increment();
    }

    /**
     * Counts an error of a request intended at {@code intendedNanos}.
     *
     * @return true when the caller should {@link #addErrorMessage} (counted, and among the first ten)
     */
    boolean countError(LongAdder counter, long intendedNanos) {
        if (!inWindow(intendedNanos)) {
            return false;
        }
        counter.increment();
        return errorMessages.get() < 10;
    }

    /** Remembers one of the first ten error messages. */
    void addErrorMessage(String message) {
        if (message != null && errorMessages.incrementAndGet() <= 10) {
            firstErrors.add(message);
        }
    }

    /** Counts an error and remembers its message when it is among the first ten. */
    void recordError(LongAdder counter, long intendedNanos, String message) {
        if (countError(counter, intendedNanos)) {
            addErrorMessage(message);
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

package dev.concurrencybench.pipeline.stage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.Recorder;

/**
 * Per-{@link Stage} latency histograms of one server, in microseconds (1 µs to 60 s, 3 significant digits).
 *
 * <p>Threading: {@link #record} and {@link #recordAnswered} may be called from any number of threads at once and
 * never wait; {@link #intervalHistogram} is meant for a single reader, the stage-log writer.
 *
 * <p>Why not one HdrHistogram {@link Recorder} per stage: a {@code Recorder} over a concurrent histogram costs about
 * six atomic read-modify-writes per value (two phaser entries and exits plus the count updates), and a request
 * records four to six values, which put the stage-timing cost over its 2 % budget. Here a value costs one
 * uncontended compare-and-set, and an answered request's four ({@link #recordAnswered}) one together: the writers share a few <em>stripes</em>, each a lock-guarded set of plain
 * histograms; a writer takes the stripe its thread id maps to, or the next free one, records with plain stores and
 * lets go with a release store. A writer never waits: when every stripe is held (a holder preempted mid-record, on a
 * crowded core) the value goes to a wait-free {@code Recorder} that is drained with the stripes. The reader swaps a
 * stripe's histogram for an empty one while holding that stripe for a few nanoseconds, and merges outside it.
 *
 * <p>The off switch ({@link #disabled()}) turns {@link #now()} into a constant and {@link #record} into a no-op, so a
 * run without stage timing pays neither the clock reads nor the recording.
 */
public final class StageRecorders {

    /** Highest trackable value: 60 s in µs. */
    public static final long HIGHEST_MICROS = 60_000_000L;
    /** Significant decimal digits kept by every stage histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private static final Stage[] STAGES = Stage.values();
    private static final int PARSE = Stage.PARSE.ordinal();
    private static final int PROCESS = Stage.PROCESS.ordinal();
    private static final int WRITE = Stage.WRITE.ordinal();
    private static final int TOTAL = Stage.TOTAL.ordinal();
    /** A stripe histogram's int counts cannot overflow below this many values in all. */
    private static final long STRIPE_CAPACITY = Integer.MAX_VALUE;
    private static final StageRecorders DISABLED = new StageRecorders(false, 0);

    private final boolean enabled;
    private final Stripe[] stripes;
    private final int stripeMask;
    /** Where a value goes when every stripe is held: wait-free, and rarely used. */
    private final Recorder[] overflow;
    /** The histogram last handed out per stage: reset and refilled by the next {@link #intervalHistogram} call. */
    private final Histogram[] handedOut;
    private final Histogram[] overflowRecycled;

    private StageRecorders(boolean enabled, int stripeCount) {
        this(enabled, stripeCount, STRIPE_CAPACITY);
    }

    /**
     * @param stripeCount    a power of two (tests use one, to send values through the overflow path)
     * @param stripeCapacity values a stripe's stage histogram takes before further ones go to the overflow recorder
     */
    StageRecorders(boolean enabled, int stripeCount, long stripeCapacity) {
        this.enabled = enabled;
        this.stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) stripes[i] = new Stripe(stripeCapacity);
        this.stripeMask = stripeCount - 1;
        this.overflow = new Recorder[enabled ? STAGES.length : 0];
        for (int i = 0; i < overflow.length; i++) {
            overflow[i] = new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        }
        this.handedOut = new Histogram[STAGES.length];
        this.overflowRecycled = new Histogram[STAGES.length];
    }

    /**
     * Fresh recorders for one server, with two stripes per available processor, at least four and at most 16: each
     * stripe holds up to two 68 KiB histograms per stage it has seen, so 4 stripes cost at most about 5.5 MiB.
     */
    public static StageRecorders enabled() {
        int wanted = Math.min(16, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        return new StageRecorders(true, Integer.highestOneBit(wanted - 1) << 1);
    }

    /** The shared no-op instance. */
    public static StageRecorders disabled() {
        return DISABLED;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** {@link System#nanoTime()} when enabled, 0 otherwise: pass the result back to {@link #recordSince}. */
    public long now() {
        return enabled ? System.nanoTime() : 0L;
    }

    /**
     * Records {@code nanos} of time spent in {@code stage}; stored rounded to whole µs, clamped to [1 µs, 60 s].
     *
     * @param stage the stage
     * @param nanos elapsed time in nanoseconds
     */
    public void record(Stage stage, long nanos) {
        if (!enabled) return;
        long micros = micros(nanos);
        Stripe s = hold();
        if (s != null) {
            boolean recorded;
            try {
                recorded = s.record(stage.ordinal(), micros);
            } finally {
                s.letGo();
            }
            if (recorded) return;
        }
        overflow[stage.ordinal()].recordValue(micros);
    }

    /**
     * Records one answered request's parse, process, write and total times under a single stripe hold: a request's
     * recording then costs one compare-and-set, not four.
     *
     * @param parseNanos   time in {@link Stage#PARSE}
     * @param processNanos time in {@link Stage#PROCESS}
     * @param writeNanos   time in {@link Stage#WRITE}
     * @param totalNanos   time in {@link Stage#TOTAL}
     */
    public void recordAnswered(long parseNanos, long processNanos, long writeNanos, long totalNanos) {
        if (!enabled) return;
        long parse = micros(parseNanos);
        long process = micros(processNanos);
        long write = micros(writeNanos);
        long total = micros(totalNanos);
        Stripe s = hold();
        boolean recorded = false;
        if (s != null) {
            try {
                recorded = s.hasRoom(PARSE) && s.hasRoom(PROCESS) && s.hasRoom(WRITE) && s.hasRoom(TOTAL);
                if (recorded) {
                    s.add(PARSE, parse);
                    s.add(PROCESS, process);
                    s.add(WRITE, write);
                    s.add(TOTAL, total);
                }
            } finally {
                s.letGo();
            }
        }
        if (recorded) return;
        // Rare: every stripe held, or this one full. All four go to the overflow, so a request is never split.
        overflow[PARSE].recordValue(parse);
        overflow[PROCESS].recordValue(process);
        overflow[WRITE].recordValue(write);
        overflow[TOTAL].recordValue(total);
    }

    /** Stored value of {@code nanos}: rounded to whole µs, clamped to [1 µs, 60 s]. */
    private static long micros(long nanos) {
        return nanos >= HIGHEST_MICROS * 1_000 ? HIGHEST_MICROS : Math.max(1, (nanos + 500) / 1_000);
    }

    /** The stripe this thread's id maps to, or the next free one; null when every stripe is held. Let go after. */
    private Stripe hold() {
        int home = (int) Thread.currentThread().threadId();
        for (int i = 0; i <= stripeMask; i++) {
            Stripe s = stripes[(home + i) & stripeMask];
            if (s.tryHold()) return s;
        }
        return null;
    }

    /** Records the time from {@code startNanos} (a value of {@link #now()}) until now. */
    public void recordSince(Stage stage, long startNanos) {
        if (!enabled) return;
        record(stage, System.nanoTime() - startNanos);
    }

    /**
     * Everything {@code stage} recorded since the previous call for it, as one histogram that stays valid until the
     * next call for the same stage (HdrHistogram's interval-histogram idiom). Single reader only. Returns null when
     * disabled.
     */
    public Histogram intervalHistogram(Stage stage) {
        if (!enabled) return null;
        int st = stage.ordinal();
        Histogram out = handedOut[st];
        if (out == null) {
            out = new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
            handedOut[st] = out;
        } else {
            out.reset();
        }
        for (Stripe s : stripes) {
            IntCountsHistogram full = s.swap(st);
            if (full != null) {
                out.add(full);
                full.reset();
                s.spare[st] = full;
            }
        }
        overflowRecycled[st] = overflow[st].getIntervalHistogram(overflowRecycled[st]);
        out.add(overflowRecycled[st]);
        return out;
    }

    /**
     * A lock-guarded set of plain per-stage histograms, each created on the stage's first value. {@code active} is
     * touched only by the holder, {@code spare} only by the reader. Int counts: half the memory of long ones, and
     * measurably faster to record into (JMH round trip: about 150 against 185 ns of timing cost per request). Without
     * a stage log nothing drains a stripe ({@code bench serve} left running), so a full one hands its values to the
     * overflow recorder, whose counts are long, instead of overflowing.
     */
    private static final class Stripe {
        private static final VarHandle HELD;

        static {
            try {
                HELD = MethodHandles.lookup().findVarHandle(Stripe.class, "held", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // through HELD
        private volatile int held;
        private final IntCountsHistogram[] active = new IntCountsHistogram[STAGES.length];
        private final IntCountsHistogram[] spare = new IntCountsHistogram[STAGES.length];
        private final long capacity;

        Stripe(long capacity) {
            this.capacity = capacity;
        }

        boolean tryHold() {
            return HELD.compareAndSet(this, 0, 1);
        }

        void letGo() {
            HELD.setRelease(this, 0);
        }

        /** Holder: records into the stage's histogram (created on its first value); false when that one is full. */
        boolean record(int stage, long micros) {
            if (!hasRoom(stage)) return false;
            add(stage, micros);
            return true;
        }

        /** Holder: true while the stage's histogram takes more values. */
        boolean hasRoom(int stage) {
            IntCountsHistogram h = active[stage];
            return h == null || h.getTotalCount() < capacity;
        }

        /** Holder: records into the stage's histogram, created on its first value; check {@link #hasRoom} first. */
        void add(int stage, long micros) {
            IntCountsHistogram h = active[stage];
            if (h == null) {
                h = new IntCountsHistogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
                active[stage] = h;
            }
            h.recordValue(micros);
        }

        /** Reader: puts the spare (or nothing) in place of a stage's histogram and returns what was recorded. */
        IntCountsHistogram swap(int stage) {
            // A holder records one value and lets go; one preempted on a crowded core runs again once we yield.
            for (int spins = 0; !tryHold(); spins++) {
                if (spins < 100) Thread.onSpinWait();
                else Thread.yield();
            }
            try {
                IntCountsHistogram full = active[stage];
                if (full == null) return null;
                active[stage] = spare[stage];
                spare[stage] = null;
                return full;
            } finally {
                letGo();
            }
        }
    }
}

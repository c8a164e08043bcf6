package dev.concurrencybench.pipeline.stage;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One HdrHistogram {@link Recorder} per {@link Stage}, in microseconds (1 µs to 60 s, 3 significant digits).
 *
 * <p>Threading: {@link #record} is wait-free and may be called from any number of threads at once (that is what
 * {@link Recorder} guarantees); {@link #intervalHistogram} is meant for a single reader, the stage-log writer.
 *
 * <p>The off switch ({@link #disabled()}) turns {@link #now()} into a constant and {@link #record} into a no-op, so a
 * run without stage timing pays neither the clock reads nor the recording.
 */
public final class StageRecorders {

    /** Highest trackable value: 60 s in µs. */
    public static final long HIGHEST_MICROS = 60_000_000L;
    /** Significant decimal digits kept by every stage histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private static final StageRecorders DISABLED = new StageRecorders(false);

    private final boolean enabled;
    private final Map<Stage, Recorder> recorders = new EnumMap<>(Stage.class);
    private final Map<Stage, Histogram> recycled = new EnumMap<>(Stage.class);

    private StageRecorders(boolean enabled) {
        this.enabled = enabled;
        if (enabled) {
            for (Stage s : Stage.values()) {
                recorders.put(s, new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS));
            }
        }
    }

    /** Fresh recorders for one server. */
    public static StageRecorders enabled() {
        return new StageRecorders(true);
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
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, (nanos + 500) / 1_000));
        recorders.get(stage).recordValue(micros);
    }

    /** Records the time from {@code startNanos} (a value of {@link #now()}) until now. */
    public void recordSince(Stage stage, long startNanos) {
        if (!enabled) return;
        record(stage, System.nanoTime() - startNanos);
    }

    /**
     * Swaps out and returns everything {@code stage} recorded since the previous call (a stable interval
     * histogram, HdrHistogram's recorder idiom). Single reader only. Returns null when disabled.
     */
    public Histogram intervalHistogram(Stage stage) {
        if (!enabled) return null;
        Histogram h = recorders.get(stage).getIntervalHistogram(recycled.get(stage));
        recycled.put(stage, h);
        return h;
    }
}

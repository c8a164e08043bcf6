package dev.concurrencybench.pipeline.stage;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a server's per-stage histograms as a tagged interval log ({@code stages.hlog}, HdrHistogram log format,
 * one interval line per stage per call, tag = {@link Stage#tag()}).
 *
 * <p>Threading: not thread-safe; the owner calls {@link #writeInterval()} periodically (once a second) from one
 * thread, and {@link #close()} from that thread or after it stopped. This class starts no thread itself
 * (the pipeline owns none).
 */
public final class StageLogWriter implements Closeable {

    private final StageRecorders stages;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long startMillis;
    private long lastIntervalMillis;

    /**
     * @param stages the recorders to drain (must be enabled)
     * @param file   the {@code .hlog} to create or truncate
     */
    public StageLogWriter(StageRecorders stages, Path file) throws IOException {
        if (!stages.isEnabled()) throw new IllegalArgumentException("stage timing is off: nothing to log");
        this.stages = stages;
        this.out = new PrintStream(new FileOutputStream(file.toFile()), false, "US-ASCII");
        this.writer = new HistogramLogWriter(out);
        this.startMillis = System.currentTimeMillis();
        this.lastIntervalMillis = startMillis;
        writer.outputLogFormatVersion();
        writer.outputComment("concurrency-bench per-stage server time, values in microseconds");
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        // Drop whatever was recorded before the log started so the first interval is honest.
        for (Stage s : Stage.values()) stages.intervalHistogram(s);
    }

    /** Appends one interval (since the previous call) for every stage, and flushes. */
    public void writeInterval() {
        long now = System.currentTimeMillis();
        for (Stage s : Stage.values()) {
            Histogram h = stages.intervalHistogram(s);
            h.setStartTimeStamp(lastIntervalMillis);
            h.setEndTimeStamp(now);
            h.setTag(s.tag());
            writer.outputIntervalHistogram(h);
        }
        lastIntervalMillis = now;
        out.flush();
    }

    /** Writes the last partial interval and closes the file. */
    @Override
    public void close() {
        writeInterval();
        out.close();
    }
}

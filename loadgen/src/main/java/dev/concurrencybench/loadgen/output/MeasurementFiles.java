package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The files of one server×scenario measurement in its directory: {@code latency.hlog} is written interval by
 * interval while the driver runs (so a crash leaves the intervals so far), {@code latency.hgrm},
 * {@code uncorrected.hgrm} and {@code summary.json} at the end. Intervals arrive on the driver's own thread between
 * two sends, so writing one must be quick: the interval lines are HdrHistogram's log format, written here with
 * the fastest zlib level and the JDK's Base64 (HdrHistogram's own writer compresses at the best level and finds
 * its Base64 codec by reflection: several times slower). Any HdrHistogram log reader reads them. Not for
 * concurrent use.
 */
public final class MeasurementFiles implements Interval.Listener, AutoCloseable {

    private final Path dir;
    private final PrintStream hlogOut;
    private final HistogramLogWriter hlog;
    private final Interval.Listener next;
    private final long baseTimeMillis;
    private final StringBuilder line = new StringBuilder(4096);
    private ByteBuffer encoded = ByteBuffer.allocate(64 * 1024);

    /**
     * @param dir  the server×scenario directory (created)
     * @param next another listener to call after writing each interval (the live line), or null
     */
    public MeasurementFiles(Path dir, Interval.Listener next) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.next = next;
        hlogOut = new PrintStream(new FileOutputStream(dir.resolve("latency.hlog").toFile()), false, "UTF-8");
        hlog = new HistogramLogWriter(hlogOut);
        long now = System.currentTimeMillis();
        hlog.outputComment("concurrency-bench precise driver; values in microseconds; tags corrected "
                + "(from intended send), uncorrected (from actual send), lag (generator), corrected.<class>");
        hlog.outputLogFormatVersion();
        hlog.outputStartTime(now);
        hlog.setBaseTime(now);
        hlog.outputBaseTime(now);
        hlog.outputLegend();
        baseTimeMillis = now;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void onInterval(Interval interval) {
        writeInterval(interval.corrected());
        writeInterval(interval.uncorrected());
        writeInterval(interval.lag());
        interval.correctedByClass().values().forEach(this::writeInterval);
        hlogOut.flush();
        if (next != null) {
            next.onInterval(interval);
        }
    }

    /**
     * One interval line, as {@link HistogramLogWriter#outputIntervalHistogram(org.HdrHistogram.EncodableHistogram)}
     * writes it: {@code Tag=<tag>,<start s>,<length s>,<max / 1e6>,<base64 of the compressed histogram>}.
     */
    private void writeInterval(Histogram h) {
        int needed = h.getNeededByteBufferCapacity();
        if (encoded.capacity() < needed) {
            encoded = ByteBuffer.allocate(needed);
        }
        encoded.clear();
        int length = h.encodeIntoCompressedByteBuffer(encoded, Deflater.BEST_SPEED);
        line.setLength(0);
        if (h.getTag() != null) {
            line.append("Tag=").append(h.getTag()).append(',');
        }
        thousandths(h.getStartTimeStamp() - baseTimeMillis).append(',');
        thousandths(h.getEndTimeStamp() - h.getStartTimeStamp()).append(',');
        thousandths(Math.round(h.getMaxValueAsDouble() / 1000.0)).append(','); // max / 1e6, as the writer's default
        line.append(Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), length))).append('\n');
        hlogOut.append(line);
    }

    /** Appends {@code v / 1000} with three decimals ({@code %.3f}). */
    private StringBuilder thousandths(long v) {
        if (v < 0) {
            line.append('-');
            v = -v;
        }
        long frac = v % 1000;
        line.append(v / 1000).append('.');
        if (frac < 100) {
            line.append('0');
        }
        if (frac < 10) {
            line.append('0');
        }
        return line.append(frac);
    }

    /** Writes the percentile spectra and {@code summary.json}. */
    public void finish(DriverResult result, Summary summary) throws IOException {
        writeHgrm(dir.resolve("latency.hgrm"), result.corrected());
        writeHgrm(dir.resolve("uncorrected.hgrm"), result.uncorrected());
        Json.write(dir.resolve("summary.json"), summary);
    }

    private static void writeHgrm(Path file, Histogram h) throws IOException {
        try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), false, "UTF-8")) {
            // values are recorded in µs; 1.0 keeps them in µs in the spectrum
            h.outputPercentileDistribution(out, 5, 1.0);
        }
    }

    @Override
    public void close() {
        hlogOut.close();
    }
}

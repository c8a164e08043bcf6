package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The files of one server×scenario measurement in its directory: {@code latency.hlog} is written interval by
 * interval while the driver runs (so a crash leaves the intervals so far), {@code latency.hgrm},
 * {@code uncorrected.hgrm} and {@code summary.json} at the end. Called on the driver's reporter thread and then
 * on the caller's; not for concurrent use.
 */
public final class MeasurementFiles implements Interval.Listener, AutoCloseable {

    private final Path dir;
    private final PrintStream hlogOut;
    private final HistogramLogWriter hlog;
    private final Interval.Listener next;

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
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void onInterval(Interval interval) {
        hlog.outputIntervalHistogram(interval.corrected());
        hlog.outputIntervalHistogram(interval.uncorrected());
        hlog.outputIntervalHistogram(interval.lag());
        interval.correctedByClass().values().forEach(hlog::outputIntervalHistogram);
        hlogOut.flush();
        if (next != null) {
            next.onInterval(interval);
        }
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

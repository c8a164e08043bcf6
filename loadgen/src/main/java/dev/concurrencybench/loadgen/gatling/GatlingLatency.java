package dev.concurrencybench.loadgen.gatling;

import dev.concurrencybench.report.results.Counts;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The latency of a Gatling run, read from its {@code simulation.log}, as the suite's histograms: microsecond
 * values of Gatling's whole-millisecond samples (1 µs to 60 s, 3 significant digits, like the precise driver),
 * tagged {@code all} and per request class, in 1 s intervals by response end time.
 *
 * <p>The measurement window starts when the first user of {@link BenchSimulation}'s measured population started
 * and lasts {@code durationMillis}. A request belongs to it by its start time, exactly as the precise
 * driver excludes its warm-up; requests before it are warm-up, requests after it are the tail of the run. Only OK
 * requests enter the histograms (as the precise driver records only successful responses); KO requests are
 * counted, by cause. Not thread-safe: built once by {@link #read}, then read-only.
 */
public final class GatlingLatency {

    /** Tag of the histogram of every request class together. */
    public static final String ALL = "all";

    private static final int MAX_FIRST_ERRORS = 5;

    private final long fromEpochMillis;
    private final long durationMillis;
    private final Histogram all = histogram(ALL);
    private final Map<String, Histogram> byClass = new TreeMap<>();
    private final TreeMap<Integer, Map<String, Histogram>> intervals = new TreeMap<>();
    private final List<String> firstErrors = new ArrayList<>();
    private long ok;
    private long statusErrors;
    private long bodyErrors;
    private long timeouts;
    private long resets;
    private long connectErrors;
    private long warmupRequests;
    private long outsideRequests;
    private SimulationLogReader.Header header;

    private GatlingLatency(long fromEpochMillis, long durationMillis) {
        this.fromEpochMillis = fromEpochMillis;
        this.durationMillis = durationMillis;
    }

    /**
     * Reads a log (two passes: the start of the measurement, then the requests).
     *
     * @param log            the {@code simulation.log} of a {@link BenchSimulation}
     * @param durationMillis measurement window, ms
     */
    public static GatlingLatency read(Path log, long durationMillis) throws IOException {
        long[] firstMeasured = {Long.MAX_VALUE};
        SimulationLogReader.read(log, new SimulationLogReader.Listener() {
            @Override
            public void user(String scenario, boolean start, long epochMillis) {
                if (start && scenario.equals(BenchSimulation.MEASURE)) {
                    firstMeasured[0] = Math.min(firstMeasured[0], epochMillis);
                }
            }
        });
        if (firstMeasured[0] == Long.MAX_VALUE) {
            throw new SimulationLogException(log + " holds no user of the '" + BenchSimulation.MEASURE
                    + "' population: the measurement never started");
        }
        GatlingLatency l = new GatlingLatency(firstMeasured[0], durationMillis);
        l.header = SimulationLogReader.read(log, new SimulationLogReader.Listener() {
            @Override
            public void request(SimulationLogReader.Request r) {
                l.add(r);
            }
        });
        return l;
    }

    private void add(SimulationLogReader.Request r) {
        long at = r.startEpochMillis() - fromEpochMillis;
        if (at < 0) {
            warmupRequests++;
            return;
        }
        if (at >= durationMillis) {
            outsideRequests++;
            return;
        }
        if (!r.ok()) {
            classify(r.message());
            if (firstErrors.size() < MAX_FIRST_ERRORS) {
                firstErrors.add(r.name() + ": " + r.message());
            }
            return;
        }
        ok++;
        long micros = Math.max(0, r.millis()) * 1000;
        all.recordValue(micros);
        byClass.computeIfAbsent(r.name(), GatlingLatency::histogram).recordValue(micros);
        int index = (int) Math.max(0, (r.endEpochMillis() - fromEpochMillis) / 1000);
        Map<String, Histogram> interval = intervals.computeIfAbsent(index, i -> new LinkedHashMap<>());
        interval.computeIfAbsent(ALL, GatlingLatency::histogram).recordValue(micros);
        interval.computeIfAbsent(r.name(), GatlingLatency::histogram).recordValue(micros);
    }

    /** Gatling's KO messages, sorted into the suite's error kinds. */
    private void classify(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.startsWith("status.")) {
            statusErrors++;
        } else if (m.startsWith("bodystring") || m.startsWith("substring")) {
            bodyErrors++;
        } else if (m.contains("timeout") || m.contains("timed out")) {
            timeouts++;
        } else if (m.contains("connect") && !m.contains("reset") && !m.contains("closed")
                || m.contains("ssl") || m.contains("handshake")) {
            connectErrors++;
        } else {
            resets++;
        }
    }

    private static Histogram histogram(String tag) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        h.setTag(tag);
        return h;
    }

    /** Start of the measurement window, epoch ms. */
    public long fromEpochMillis() {
        return fromEpochMillis;
    }

    /** Length of the measurement window, ms. */
    public long durationMillis() {
        return durationMillis;
    }

    /** Every OK request of the window, µs. */
    public Histogram all() {
        return all;
    }

    /** OK requests of the window per request class, µs. */
    public Map<String, Histogram> byClass() {
        return byClass;
    }

    /** OK requests of the window. */
    public long ok() {
        return ok;
    }

    /** KO requests of the window. */
    public long ko() {
        return statusErrors + bodyErrors + timeouts + resets + connectErrors;
    }

    /** Requests that started during the warm-up (not measured). */
    public long warmupRequests() {
        return warmupRequests;
    }

    /** Requests that started after the window (the end of the run). */
    public long afterWindowRequests() {
        return outsideRequests;
    }

    /** Outcomes of the window in the results model's terms (nothing is "not sent" in Gatling's log). */
    public Counts counts() {
        // every response body is checked (see BenchSimulation): OK ones and those that failed their body check
        return new Counts(ok, statusErrors, bodyErrors, timeouts, resets, connectErrors, 0, ok + bodyErrors);
    }

    /** The first few KO messages, {@code class: message}. */
    public List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    /** The run record of the log. */
    public SimulationLogReader.Header header() {
        return header;
    }

    /** Writes {@code latency.hlog} (tags {@code all} and one per class, 1 s intervals) and {@code latency.hgrm}. */
    public void write(Path dir) throws IOException {
        try (PrintStream out = new PrintStream(new FileOutputStream(dir.resolve("latency.hlog").toFile()), false, "UTF-8")) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputComment("concurrency-bench Gatling driver (Gatling " + header.gatlingVersion() + "); values in "
                    + "microseconds of whole-millisecond samples (resolution 1000 us), from Gatling's actual send "
                    + "time; tags all, <class>; 1 s intervals by response end; warm-up excluded by start time");
            w.outputLogFormatVersion();
            w.outputStartTime(fromEpochMillis);
            w.setBaseTime(fromEpochMillis);
            w.outputBaseTime(fromEpochMillis);
            w.outputLegend();
            int last = intervals.isEmpty() ? -1 : intervals.lastKey();
            for (int i = 0; i <= last; i++) {
                Map<String, Histogram> interval = intervals.getOrDefault(i, Map.of());
                List<String> tags = new ArrayList<>();
                tags.add(ALL);
                tags.addAll(byClass.keySet());
                for (String tag : tags) {
                    Histogram h = interval.getOrDefault(tag, histogram(tag));
                    h.setStartTimeStamp(fromEpochMillis + i * 1000L);
                    h.setEndTimeStamp(fromEpochMillis + (i + 1) * 1000L);
                    w.outputIntervalHistogram(h);
                }
            }
        }
        try (PrintStream out = new PrintStream(new FileOutputStream(dir.resolve("latency.hgrm").toFile()), false, "UTF-8")) {
            all.outputPercentileDistribution(out, 5, 1.0);
        }
    }
}

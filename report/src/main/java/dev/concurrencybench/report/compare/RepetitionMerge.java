package dev.concurrencybench.report.compare;

import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.DriverHealth;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The merged {@code summary.json} of a cell run K times ({@code <server>/<scenario>/summary.json} beside its
 * {@code rep-<i>/} folders). Latency percentiles come from the repetitions' interval histograms merged tag by tag
 * ({@code corrected}, {@code uncorrected}, {@code lag}, {@code corrected.<class>}; Gatling's {@code all} and
 * {@code <class>}), never from averaging their
 * percentiles; counts and server CPU are summed, the rate is requests over the summed measurement time, peak RSS,
 * threads and the longest GC pause are maxima. Valid only when every repetition is. Stateless.
 */
public final class RepetitionMerge {

    private RepetitionMerge() {
    }

    /**
     * @param repDirs the repetitions' folders, each with summary.json and latency.hlog
     * @throws CompareInputException when a file is missing or corrupt
     */
    public static Summary merge(List<Path> repDirs) {
        List<Summary> reps = new ArrayList<>();
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        for (Path d : repDirs) {
            reps.add(ResultsFolder.summary(d.resolve("summary.json")));
            readInto(d.resolve("latency.hlog"), byTag);
        }
        Summary first = reps.get(0);
        long completed = 0, status = 0, body = 0, timeouts = 0, resets = 0, connect = 0, notSent = 0, checked = 0;
        double seconds = 0;
        List<String> reasons = new ArrayList<>();
        List<String> firstErrors = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            Summary s = reps.get(i);
            Counts c = s.requests();
            completed += c.completed();
            status += c.statusErrors();
            body += c.bodyErrors();
            timeouts += c.timeouts();
            resets += c.resets();
            connect += c.connectErrors();
            notSent += c.notSent();
            checked += c.bodiesChecked();
            seconds += s.durationSeconds();
            String rep = repDirs.get(i).getFileName().toString();
            if (!s.valid()) {
                (s.invalidReasons() == null || s.invalidReasons().isEmpty() ? List.of("marked invalid")
                        : s.invalidReasons()).forEach(r -> reasons.add(rep + ": " + r));
            }
            if (s.firstErrors() != null) {
                s.firstErrors().stream().limit(Math.max(0, 10 - firstErrors.size()))
                        .forEach(e -> firstErrors.add(rep + ": " + e));
            }
        }
        Counts counts = new Counts(completed, status, body, timeouts, resets, connect, notSent, checked);
        // Gatling's log holds "all" and one tag per class, the precise driver's "corrected", "uncorrected", "lag"
        // and "corrected.<class>"
        boolean gatling = "gatling".equals(first.driver());
        String latencyTag = gatling ? "all" : "corrected";
        Map<String, Percentiles> classes = new LinkedHashMap<>();
        byTag.forEach((tag, h) -> {
            if (gatling && !tag.equals("all")) {
                classes.put(tag, Percentiles.of(h));
            } else if (!gatling && tag.startsWith("corrected.")) {
                classes.put(tag.substring("corrected.".length()), Percentiles.of(h));
            }
        });
        Percentiles latency = percentiles(byTag, latencyTag);
        return new Summary(first.server(), first.scenario(), first.driver(), first.resolutionMicros(), first.mode(),
                first.targetRate(), Math.round(completed / Math.max(1e-9, seconds) * 10) / 10.0, seconds,
                first.connections(), latency, gatling ? latency : percentiles(byTag, "uncorrected"),
                percentiles(byTag, "lag"), classes, counts, counts.errors(), serverMetrics(reps, completed),
                reasons.isEmpty(), reasons, firstErrors).withDriverHealth(driverHealth(reps));
    }

    /**
     * Writes the cell-level {@code latency.hlog} of a repeated cell: one interval per repetition and tag, each the
     * repetition's whole histogram spanning its measurement, so a reader of the plain layout (the report) sees
     * the merged distribution and one timeline point per repetition. {@code bench compare} reads the
     * {@code rep-<i>/} logs instead, interval by interval.
     */
    public static void writeMergedLog(List<Path> repDirs, Path out) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("concurrency-bench: " + repDirs.size() + " repetitions merged, one interval per "
                    + "repetition and tag; each repetition's own log is in rep-<i>/latency.hlog");
            w.outputLogFormatVersion();
            long base = Long.MAX_VALUE;
            List<Map<String, Histogram>> reps = new ArrayList<>();
            for (Path d : repDirs) {
                Map<String, Histogram> byTag = new LinkedHashMap<>();
                readInto(d.resolve("latency.hlog"), byTag);
                reps.add(byTag);
                for (Histogram h : byTag.values()) {
                    base = Math.min(base, h.getStartTimeStamp());
                }
            }
            base = base == Long.MAX_VALUE ? 0 : base;
            w.outputStartTime(base);
            w.setBaseTime(base);
            w.outputBaseTime(base);
            w.outputLegend();
            for (Map<String, Histogram> byTag : reps) {
                for (Histogram h : byTag.values()) {
                    w.outputIntervalHistogram(h);
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Percentiles percentiles(Map<String, Histogram> byTag, String tag) {
        Histogram h = byTag.get(tag);
        return h == null ? Percentiles.of(new Histogram(3)) : Percentiles.of(h);
    }

    /** The repetitions' driver health summed (each is a delta over its own window); null unless all have one. */
    static DriverHealth driverHealth(List<Summary> reps) {
        if (reps.stream().anyMatch(s -> s.driverHealth() == null)) {
            return null;
        }
        DriverHealth first = reps.get(0).driverHealth();
        boolean server = reps.stream().allMatch(s -> s.driverHealth().server() != null);
        long[] sum = new long[13];
        for (Summary s : reps) {
            DriverHealth h = s.driverHealth();
            long[] v = {h.loadgen().stealMillis(), h.loadgen().irqMillis(), h.loadgen().otherMillis(),
                server ? h.server().stealMillis() : 0, server ? h.server().irqMillis() : 0,
                server ? h.server().otherMillis() : 0, h.jitMillis(), h.gcPauses(), h.gcPauseMillis(), h.gcCycles(),
                h.gcCycleMillis(), h.driverInvoluntarySwitches(), h.driverVoluntarySwitches()};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        return new DriverHealth(first.loadgenCpus(), new DriverHealth.CpuTime(sum[0], sum[1], sum[2]),
                server ? first.serverCpus() : null, server ? new DriverHealth.CpuTime(sum[3], sum[4], sum[5]) : null,
                sum[6], sum[7], sum[8], sum[9], sum[10], sum[11], sum[12]);
    }

    private static ServerMetrics serverMetrics(List<Summary> reps, long completed) {
        if (reps.stream().anyMatch(s -> s.serverMetrics() == null)) {
            return null;
        }
        long cpu = 0, peak = 0, vcs = 0, ics = 0, overflows = 0, drops = 0;
        int threads = 0, pauses = 0;
        double pauseTotal = 0, pauseMax = 0;
        for (Summary s : reps) {
            ServerMetrics m = s.serverMetrics();
            cpu += m.cpuMicros();
            peak = Math.max(peak, m.peakRssBytes());
            threads = Math.max(threads, m.maxThreads());
            vcs += m.voluntaryContextSwitches();
            ics += m.involuntaryContextSwitches();
            overflows += m.listenOverflows();
            drops += m.listenDrops();
            pauses += m.gcPauses();
            pauseTotal += m.gcPauseTotalMillis();
            pauseMax = Math.max(pauseMax, m.gcPauseMaxMillis());
        }
        double n = Math.max(1, completed);
        return new ServerMetrics(cpu, Math.round(cpu / n * 10) / 10.0, peak, threads, vcs, ics,
                Math.round((vcs + ics) / n * 1000) / 1000.0, overflows, drops, pauses, pauseTotal, pauseMax);
    }

    private static void readInto(Path hlog, Map<String, Histogram> byTag) {
        if (!Files.isRegularFile(hlog)) {
            throw new CompareInputException("missing " + hlog);
        }
        try (InputStream in = Files.newInputStream(hlog)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                if (e instanceof Histogram h && h.getTag() != null) {
                    Histogram sum = byTag.computeIfAbsent(h.getTag(), t -> {
                        Histogram n = new Histogram(1, 60_000_000L, 3);
                        n.setTag(t);
                        n.setStartTimeStamp(Long.MAX_VALUE);
                        return n;
                    });
                    long start = Math.min(sum.getStartTimeStamp(), h.getStartTimeStamp());
                    long end = Math.max(sum.getEndTimeStamp(), h.getEndTimeStamp());
                    sum.add(h);
                    sum.setStartTimeStamp(start);
                    sum.setEndTimeStamp(end);
                }
            }
        } catch (IOException | RuntimeException ex) {
            throw new CompareInputException("corrupt " + hlog + ": " + ex.getMessage());
        }
    }
}

package dev.concurrencybench.report.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Every interval histogram of one tagged {@code .hlog}, read through HdrHistogram's {@link HistogramLogReader}, in
 * file order. A log cut short by an interrupted run (a half-written last line) keeps the intervals before the damage
 * and says so in {@link #damage()}. Values are whatever the writer recorded (µs for this suite's logs). Immutable
 * after {@link #read}; the histograms must not be modified by callers.
 *
 * @param intervals the interval histograms, each with its tag and absolute start/end time stamps (epoch ms)
 * @param damage    null when the whole file was read, otherwise one line saying where reading stopped
 */
public record HlogFile(List<Histogram> intervals, String damage) {

    /** The tag of untagged intervals in {@link #byTag()}. */
    public static final String UNTAGGED = "";

    /** Reads {@code file}; the caller checks it exists. */
    public static HlogFile read(Path file) throws IOException {
        List<Histogram> out = new ArrayList<>();
        String damage = null;
        try (InputStream in = Files.newInputStream(file)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            while (true) {
                EncodableHistogram e;
                try {
                    e = reader.nextIntervalHistogram();
                } catch (RuntimeException bad) {
                    // HdrHistogram throws on a truncated or corrupt line (DataFormatException wrapped, or a
                    // NumberFormatException on the prefix): what came before it is still good.
                    damage = file.getFileName() + " is damaged after " + out.size() + " interval(s)";
                    break;
                }
                if (e == null) {
                    break;
                }
                if (e instanceof Histogram h) {
                    out.add(h);
                } else {
                    damage = file.getFileName() + " holds a non-integer histogram after " + out.size() + " interval(s)";
                    break;
                }
            }
        }
        return new HlogFile(List.copyOf(out), damage);
    }

    /** The intervals grouped by tag (untagged under {@link #UNTAGGED}), tags in order of first appearance. */
    public Map<String, List<Histogram>> byTag() {
        Map<String, List<Histogram>> m = new LinkedHashMap<>();
        for (Histogram h : intervals) {
            m.computeIfAbsent(h.getTag() == null ? UNTAGGED : h.getTag(), k -> new ArrayList<>()).add(h);
        }
        return m;
    }

    /**
     * The sum of the given intervals: percentiles of a whole measurement come from this merged histogram, never
     * from a table of per-interval percentiles.
     */
    public static Histogram merge(List<Histogram> parts) {
        Histogram total = new Histogram(3); // auto-resizing, so parts of any range add up
        for (Histogram h : parts) {
            total.add(h);
        }
        return total;
    }
}

package dev.concurrencybench.report.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The client-side latency of one measurement from its {@code latency.hlog}: the whole-measurement histograms
 * (merged intervals) and the per-interval series. The precise driver tags {@code corrected} (from the intended send
 * time), {@code uncorrected} (from the actual send) and {@code lag}; a log without a {@code corrected} tag (another
 * driver's) uses its untagged intervals, or else its first tag, as the latency. Values in µs. Immutable.
 *
 * @param corrected   merged latency histogram, µs
 * @param uncorrected merged uncorrected histogram, µs, or null when the log has none
 * @param intervals   per-interval P99, max and rate of the latency
 * @param startMillis epoch ms at which the first interval began (0 when the log holds none)
 * @param endMillis   epoch ms at which the last interval ended
 * @param damage      null, or one line on where a damaged log stopped
 */
public record LatencyLog(Histogram corrected, Histogram uncorrected, List<IntervalPoint> intervals,
                         long startMillis, long endMillis, String damage) {

    /** Reads {@code file} (it must exist). */
    public static LatencyLog read(Path file) throws IOException {
        HlogFile log = HlogFile.read(file);
        Map<String, List<Histogram>> tags = log.byTag();
        List<Histogram> main = tags.containsKey("corrected") ? tags.get("corrected")
                : tags.containsKey(HlogFile.UNTAGGED) ? tags.get(HlogFile.UNTAGGED)
                : tags.isEmpty() ? List.of() : tags.values().iterator().next();
        List<Histogram> unc = tags.get("uncorrected");
        long start = main.stream().mapToLong(Histogram::getStartTimeStamp).min().orElse(0);
        long end = main.stream().mapToLong(Histogram::getEndTimeStamp).max().orElse(0);
        List<IntervalPoint> points = new ArrayList<>();
        for (Histogram h : main) {
            double len = (h.getEndTimeStamp() - h.getStartTimeStamp()) / 1000.0;
            // The drain interval at the end can be a few ms long: a rate over it would be noise, not a finding.
            double rate = len >= 0.2 ? h.getTotalCount() / len : Double.NaN;
            points.add(new IntervalPoint((h.getStartTimeStamp() - start) / 1000.0, len,
                    h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99), h.getMaxValue(), rate));
        }
        return new LatencyLog(HlogFile.merge(main), unc == null ? null : HlogFile.merge(unc), List.copyOf(points),
                start, end, log.damage());
    }
}

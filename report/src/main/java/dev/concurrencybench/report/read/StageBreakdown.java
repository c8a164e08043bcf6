package dev.concurrencybench.report.read;

import dev.concurrencybench.report.results.Percentiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Where a server's time goes in one measurement, from its {@code stages.hlog} (written by the pipeline's
 * {@code StageLogWriter}, one interval per stage per second, tag = stage name, µs). The server log covers the
 * server's whole life (warm-up, and every step of a sweep), so only intervals that lie mostly inside the
 * measurement window are merged. Stages are read by tag name: {@code report} does not depend on {@code pipeline}.
 *
 * @param stages one entry per stage of {@link #STAGES}, in pipeline order
 * @param damage null, or where a damaged log stopped
 */
public record StageBreakdown(List<StageStat> stages, String damage) {

    /** The stages drawn, in pipeline order (the {@code total} tag is kept apart). */
    public static final List<String> STAGES =
            List.of("accept", "queue", "read", "handshake", "decrypt", "parse", "decode", "process", "write");

    /**
     * Reads {@code file} and keeps the intervals inside [{@code fromMillis}, {@code toMillis}] (epoch ms).
     *
     * @param server the model's id, for what it cannot observe
     * @param tls    whether the measurement used TLS
     */
    public static StageBreakdown read(Path file, long fromMillis, long toMillis, String server, boolean tls)
            throws IOException {
        HlogFile log = HlogFile.read(file);
        Map<String, List<Histogram>> tags = log.byTag();
        List<StageStat> out = new ArrayList<>();
        List<String> all = new ArrayList<>(STAGES);
        all.add("total");
        for (String stage : all) {
            List<Histogram> inside = new ArrayList<>();
            for (Histogram h : tags.getOrDefault(stage, List.of())) {
                long s = h.getStartTimeStamp();
                long e = h.getEndTimeStamp();
                long overlap = Math.min(e, toMillis) - Math.max(s, fromMillis);
                if (e > s && overlap * 2 >= e - s) {
                    inside.add(h);
                }
            }
            Histogram merged = HlogFile.merge(inside);
            if (merged.getTotalCount() > 0) {
                out.add(new StageStat(stage, Percentiles.of(merged), null, false));
            } else {
                String why = StageObservability.notObservable(server, stage);
                out.add(why != null ? new StageStat(stage, null, why, true)
                        : new StageStat(stage, null, StageObservability.notExercised(server, stage, tls), false));
            }
        }
        return new StageBreakdown(List.copyOf(out), log.damage());
    }

    /** The entry of {@code stage}. */
    public StageStat stage(String stage) {
        return stages.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow();
    }
}

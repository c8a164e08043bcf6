package dev.concurrencybench.report.svg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per server, the same on every chart of a report. The four models have fixed colours (so two reports
 * look alike); other ids (external, calibration servers) take the next free colour in order. Red is never a
 * server's colour: it marks invalid measurements. Immutable once built.
 */
public final class Palette {

    /** Invalid measurements, SLO lines: never a server. */
    public static final String INVALID = "#d62728";
    /** The driver's floor. */
    public static final String FLOOR = "#555555";

    private static final Map<String, String> FIXED = Map.of(
            "threadpool", "#1f77b4", "eventloop", "#ff7f0e", "virtual", "#2ca02c", "reactive", "#9467bd");
    private static final List<String> SPARE = List.of("#8c564b", "#17becf", "#bcbd22", "#e377c2", "#7f7f7f");

    private final Map<String, String> colours = new LinkedHashMap<>();

    /** A palette for these servers, in order. */
    public Palette(List<String> servers) {
        int spare = 0;
        for (String s : servers) {
            String c = FIXED.get(s);
            colours.put(s, c != null ? c : SPARE.get(spare++ % SPARE.size()));
        }
    }

    /** The colour of {@code server} (a spare grey when unknown). */
    public String colour(String server) {
        return colours.getOrDefault(server, "#7f7f7f");
    }
}

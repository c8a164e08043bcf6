package dev.concurrencybench.report.read;

import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.Summary;
import java.nio.file.Path;
import java.util.List;

/**
 * One measurement of a results folder: a server×scenario of {@code run} or {@code load}, one rate step of a
 * {@code sweep}, or the Gatling measurement of a cell ({@code <server>/<scenario>/gatling/}). Any part may be
 * missing; {@link #problems()} names what is. Immutable.
 *
 * @param server        server id ({@code external} for {@code bench load})
 * @param scenario      scenario name
 * @param variant       null for the cell itself, {@code gatling}, or {@code rate-<R>} for a sweep step
 * @param dir           the folder
 * @param summary       its {@code summary.json}, or null when missing or unreadable
 * @param latency       its {@code latency.hlog}, or null when missing
 * @param stages        the server's per-stage time in the measurement window, or null when unknown
 * @param problems      one line per missing or damaged file; empty when the cell is whole
 * @param gatlingReport Gatling's own {@code index.html} for a Gatling cell, or null
 */
public record Cell(String server, String scenario, String variant, Path dir, Summary summary, LatencyLog latency,
                   StageBreakdown stages, List<String> problems, Path gatlingReport) {

    /** True when the Gatling driver measured it (whole milliseconds, from the actual send time). */
    public boolean gatling() {
        return "gatling".equals(variant) || (summary != null && "gatling".equals(summary.driver()));
    }

    /** Who this is on a chart: the server, marked as Gatling's where it is. */
    public String label() {
        return gatling() ? server + " (Gatling)" : server;
    }

    /** A measurement exists and its driver judged it trustworthy. */
    public boolean valid() {
        return summary != null && summary.valid();
    }

    /** True when there is anything to show: a summary or a latency log. */
    public boolean measured() {
        return summary != null || (latency != null && latency.corrected().getTotalCount() > 0);
    }

    /**
     * The latency percentiles, µs: from the merged {@code latency.hlog} when it holds intervals, else the ones
     * {@code summary.json} recorded from the driver's own histogram; null when neither exists.
     */
    public Percentiles percentiles() {
        if (latency != null && latency.corrected().getTotalCount() > 0) {
            return Percentiles.of(latency.corrected());
        }
        return summary == null ? null : summary.latency();
    }

    /** Why this cell cannot be trusted: the driver's reasons, or what is missing. Empty when valid. */
    public List<String> invalidReasons() {
        if (summary == null) {
            return problems.isEmpty() ? List.of("no summary.json") : problems;
        }
        return summary.valid() ? List.of() : summary.invalidReasons();
    }

    /** The target rate of a sweep step, req/s, from its folder name, or NaN. */
    public double stepRate() {
        if (variant == null || !variant.startsWith("rate-")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(variant.substring(5));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

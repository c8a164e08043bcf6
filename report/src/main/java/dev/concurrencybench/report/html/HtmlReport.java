package dev.concurrencybench.report.html;

import static dev.concurrencybench.report.html.HtmlTable.esc;

import dev.concurrencybench.report.markdown.MarkdownReport;
import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.Floor;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.svg.Format;
import dev.concurrencybench.report.svg.GroupedBarChart;
import dev.concurrencybench.report.svg.Palette;
import dev.concurrencybench.report.svg.SpectrumChart;
import dev.concurrencybench.report.svg.StageChart;
import dev.concurrencybench.report.svg.SweepChart;
import dev.concurrencybench.report.svg.TimelineChart;
import dev.concurrencybench.report.table.HostileTable;
import dev.concurrencybench.report.table.LatencyTable;
import dev.concurrencybench.report.table.RunFacts;
import dev.concurrencybench.report.table.StageTable;
import dev.concurrencybench.report.table.SweepTable;
import dev.concurrencybench.report.table.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders {@code report.html}: per scenario the percentile spectrum, the P50/P99/P99.9 bars with the driver's
 * floor, the table, where the server's time goes and latency over time per cell; then cost per server, sweeps,
 * what is missing, and the environment with the command that reproduces the run. Stateless.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /**
     * @param run      the run
     * @param baseline the baseline, or null
     * @param outDir   where report.html goes (links are made relative to it)
     */
    public static String render(RunResults run, RunResults baseline, Path outDir) {
        LinkedHashSet<String> servers = new LinkedHashSet<>(run.allServers());
        if (baseline != null) {
            servers.addAll(baseline.allServers());
        }
        Palette palette = new Palette(List.copyOf(servers));
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>concurrency-bench: ")
                .append(esc(run.runId())).append("</title>\n<style>").append(HtmlPage.CSS)
                .append("</style></head><body>\n");
        b.append("<h1>concurrency-bench: ").append(esc(run.runId())).append("</h1>\n");
        if (!run.complete()) {
            b.append("<p class=\"banner\"><b>Not a complete run:</b> run.json says <code>").append(esc(run.status()))
                    .append("</code>").append(run.statusReason() == null ? "" : " (" + esc(run.statusReason()) + ")")
                    .append(". What it did not finish is marked missing below.</p>\n");
        }
        b.append("<p>Reproduce: <code>").append(esc(RunFacts.command(run))).append("</code> at commit <code>")
                .append(esc(run.run().path("commit").asText("unknown"))).append("</code>. Tables also in ")
                .append("<a href=\"report.md\">report.md</a>.</p>\n");
        if (baseline != null) {
            b.append("<p>Baseline: <code>").append(esc(baseline.runId())).append("</code>, drawn dotted on the ")
                    .append("spectra; tables show baseline → now (▲ higher now, ▼ lower now). A side-by-side, ")
                    .append("not a verdict.</p>\n");
        }
        b.append("<p class=\"note\">Latency is measured from each request's intended send time (coordinated ")
                .append("omission corrected) unless marked uncorrected. Compare models within one run only.</p>\n");
        boolean sweep = run.command().equals("sweep");
        for (String scenario : run.scenarios()) {
            scenario(b, run, baseline, scenario, palette, outDir);
        }
        if (!sweep) {
            cost(b, run, palette);
        }
        List<String> problems = MarkdownReport.problems(run);
        if (!problems.isEmpty()) {
            b.append("<h2 id=\"missing\">Missing or damaged</h2>\n<ul class=\"invalid-list\">\n");
            problems.forEach(p -> b.append("<li>").append(esc(p)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("<h2 id=\"environment\">Environment</h2>\n");
        HtmlTable.render(b, RunFacts.environment(run), "facts");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void scenario(StringBuilder b, RunResults run, RunResults baseline, String scenario,
                                 Palette palette, Path outDir) {
        b.append("<h2 id=\"s-").append(esc(scenario)).append("\">").append(esc(scenario)).append("</h2>\n");
        String d = description(run, scenario);
        if (!d.isEmpty()) {
            b.append("<p>").append(esc(d)).append("</p>\n");
        }
        List<Cell> cells = run.measurements(scenario);
        if (!cells.isEmpty()) {
            List<Cell> base = baseline == null ? List.of() : baseline.measurements(scenario);
            figure(b, SpectrumChart.render(scenario, cells, base, palette));
            figure(b, bars(scenario, cells, run.floor(), palette));
            invalid(b, cells);
            HtmlTable.render(b, LatencyTable.build(run, scenario, baseline), "latency");
            hostile(b, run, scenario);
            gatling(b, cells, outDir);
            if (cells.stream().anyMatch(c -> c.stages() != null)) {
                b.append("<h3>Where the server's time goes</h3>\n");
                figure(b, StageChart.render(scenario, cells, palette));
                b.append("<p class=\"note\">Each segment is that stage's own P50 or P99 from the server's ")
                        .append("stages.hlog, so a stack shows relative weight, not a percentile of the sum; the ")
                        .append("black tick is the measured total in the server.</p>\n");
                Table st = StageTable.build(run, scenario);
                if (st != null) {
                    HtmlTable.render(b, st, "stages");
                }
            }
            b.append("<h3>Latency over time</h3>\n<div class=\"cells\">\n");
            for (Cell c : cells) {
                if (c.latency() != null && !c.latency().intervals().isEmpty()) {
                    figure(b, TimelineChart.render(c, palette));
                }
            }
            b.append("</div>\n");
        }
        Map<String, List<Cell>> steps = new LinkedHashMap<>();
        for (String server : run.allServers()) {
            List<Cell> s = run.steps(server, scenario);
            if (!s.isEmpty()) {
                steps.put(server, s);
            }
        }
        if (!steps.isEmpty()) {
            b.append("<h3>Sweep: latency against throughput</h3>\n");
            figure(b, SweepChart.render(scenario, steps, run.sloMicros(), palette));
            b.append("<ul>\n");
            SweepTable.knees(run, scenario).forEach(k -> b.append("<li>").append(esc(k)).append("</li>\n"));
            b.append("</ul>\n");
            invalid(b, steps.values().stream().flatMap(List::stream).toList());
            HtmlTable.render(b, SweepTable.build(run, scenario), "sweep");
        }
    }

    private static String bars(String scenario, List<Cell> cells, Floor floor, Palette palette) {
        GroupedBarChart chart = new GroupedBarChart("percentiles", "P50 / P99 / P99.9: " + scenario,
                List.of("P50", "P99", "P99.9")).log(true).yAxis("latency (log scale)", Format::micros);
        for (Cell c : cells) {
            Percentiles p = c.percentiles();
            double[] v = p == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                    : new double[] {p.p50(), p.p99(), p.p999()};
            boolean bad = !c.valid();
            chart.add(new GroupedBarChart.Series(c.label(), palette.colour(c.server()), v, new boolean[] {bad, bad, bad},
                    c.gatling()));
        }
        if (floor != null) {
            Percentiles f = floor.summary().latency();
            chart.markers("driver floor (" + floor.instrument() + ")", List.of(
                    new GroupedBarChart.Marker(0, f.p50(), "floor " + Format.micros(f.p50())),
                    new GroupedBarChart.Marker(1, f.p99(), "floor " + Format.micros(f.p99())),
                    new GroupedBarChart.Marker(2, f.p999(), "floor " + Format.micros(f.p999()))));
        }
        return chart.render(860, 260);
    }

    private static void cost(StringBuilder b, RunResults run, Palette palette) {
        List<String> scenarios = run.scenarios().stream().filter(s -> !run.measurements(s).isEmpty()).toList();
        boolean anyMetrics = run.cells().stream().anyMatch(c -> c.summary() != null && c.summary().serverMetrics() != null);
        if (scenarios.isEmpty() || !anyMetrics) {
            return; // bench load: the server is not ours, so there is no cost to show
        }
        b.append("<h2 id=\"cost\">Cost per server</h2>\n<div class=\"cells\">\n");
        figure(b, costChart(run, scenarios, palette, "CPU per request (user + system)", "µs per request",
                m -> m.cpuMicrosPerRequest(), Format::trim, true));
        figure(b, costChart(run, scenarios, palette, "Peak resident set size", "MiB",
                m -> (double) (m.peakRssBytes() >> 20), Format::trim, false));
        figure(b, costChart(run, scenarios, palette, "Context switches per request (voluntary + involuntary)",
                "per request", m -> m.contextSwitchesPerRequest(), Format::trim, true));
        figure(b, costChart(run, scenarios, palette, "GC pause total in the measurement", "ms",
                m -> m.gcPauseTotalMillis(), Format::trim, false));
        b.append("</div>\n<p class=\"note\">From /proc and the server's GC log over the measurement window; n/a: ")
                .append("no server-side metrics (not our server, or the cell is missing).</p>\n");
    }

    private static String costChart(RunResults run, List<String> scenarios, Palette palette, String title,
                                    String axis, Function<ServerMetrics, Double> metric,
                                    java.util.function.DoubleFunction<String> label, boolean perRequest) {
        GroupedBarChart chart = new GroupedBarChart("cost", title, scenarios).yAxis(axis, label);
        for (String server : run.allServers()) {
            double[] v = new double[scenarios.size()];
            boolean[] bad = new boolean[scenarios.size()];
            boolean any = false;
            for (int i = 0; i < scenarios.size(); i++) {
                String sc = scenarios.get(i);
                Cell c = run.measurements(sc).stream().filter(x -> x.server().equals(server) && !x.gatling())
                        .findFirst().orElse(null);
                ServerMetrics m = c == null || c.summary() == null ? null : c.summary().serverMetrics();
                // a cell that served no request has no per-request cost (its division would be by zero)
                boolean none = perRequest && c != null && c.summary() != null && c.summary().servedNone();
                v[i] = m == null || none ? Double.NaN : metric.apply(m);
                bad[i] = c != null && !c.valid();
                any |= c != null;
            }
            if (any) {
                chart.add(new GroupedBarChart.Series(server, palette.colour(server), v, bad));
            }
        }
        return chart.render(560, 200);
    }

    private static void invalid(StringBuilder b, List<Cell> cells) {
        List<String> lines = new ArrayList<>();
        for (Cell c : cells) {
            if (!c.valid()) {
                lines.add(c.label() + " / " + c.scenario() + (c.variant() != null && !c.gatling() ? " / "
                        + c.variant() : "") + ": " + String.join("; ", c.invalidReasons()));
            }
        }
        if (!lines.isEmpty()) {
            b.append("<ul class=\"invalid-list\">\n");
            lines.forEach(l -> b.append("<li>✗ invalid: ").append(esc(l)).append("</li>\n"));
            b.append("</ul>\n");
        }
    }

    private static void hostile(StringBuilder b, RunResults run, String scenario) {
        Table groups = HostileTable.groups(run, scenario);
        Table survival = HostileTable.survival(run, scenario);
        if (groups == null && survival == null) {
            return;
        }
        b.append("<h3>Hostile clients</h3>\n<p class=\"note\">The background groups ran beside the measured ")
                .append("clients for the whole warm-up plus measurement; their effect on the measured clients is the ")
                .append("table above. A server that served no normal client, did not answer a fresh request after ")
                .append("the attack, or did not give its file descriptors back is red.</p>\n");
        if (groups != null) {
            HtmlTable.render(b, groups, "hostile");
        }
        if (survival != null) {
            HtmlTable.render(b, survival, "survival");
        }
    }

    private static void gatling(StringBuilder b, List<Cell> cells, Path outDir) {
        for (Cell c : cells) {
            if (c.gatling()) {
                b.append("<p class=\"note\">").append(LatencyTable.GATLING_MARK).append(' ').append(esc(c.label()))
                        .append(": Gatling records whole milliseconds, timed from the actual send (after its own ")
                        .append("throttle), so its numbers are not coordinated-omission corrected; compare P99s ")
                        .append("with the precise driver's rows.");
                if (c.gatlingReport() != null) {
                    String rel = outDir.toAbsolutePath().relativize(c.gatlingReport().toAbsolutePath()).toString()
                            .replace('\\', '/');
                    b.append(" <a href=\"").append(esc(rel)).append("\">Gatling's own report</a>.");
                }
                b.append("</p>\n");
            }
        }
    }

    private static void figure(StringBuilder b, String svg) {
        b.append("<figure>").append(svg).append("</figure>\n");
    }

    private static String description(RunResults run, String scenario) {
        for (var s : run.run().path("scenarios")) {
            if (scenario.equals(s.path("name").asText())) {
                return s.path("description").asText("");
            }
        }
        return "";
    }
}

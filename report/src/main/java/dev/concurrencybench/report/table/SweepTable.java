package dev.concurrencybench.report.table;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.svg.Format;
import dev.concurrencybench.report.svg.SweepChart;
import java.util.ArrayList;
import java.util.List;

/** The steps of a sweep, per server: asked and achieved rate, P50/P99/P99.9 (µs), CPU, SLO, validity. Stateless. */
public final class SweepTable {

    private SweepTable() {
    }

    public static Table build(RunResults run, String scenario) {
        List<String> header = List.of("server", "req/s asked", "req/s achieved", "P50 µs", "P99 µs", "P99.9 µs",
                "max µs", "CPU µs/req", "within SLO", "valid");
        List<Table.Row> rows = new ArrayList<>();
        for (String server : run.allServers()) {
            for (Cell c : run.steps(server, scenario)) {
                Percentiles p = c.percentiles();
                ServerMetrics m = c.summary() == null ? null : c.summary().serverMetrics();
                rows.add(new Table.Row(List.of(server, Format.fixed(c.stepRate(), 0),
                        c.summary() == null ? "-" : Format.fixed(c.summary().achievedRate(), 0),
                        p == null ? "-" : Long.toString(p.p50()), p == null ? "-" : Long.toString(p.p99()),
                        p == null ? "-" : Long.toString(p.p999()), p == null ? "-" : Long.toString(p.max()),
                        m == null ? "-" : Format.fixed(m.cpuMicrosPerRequest(), 1),
                        SweepChart.withinSlo(c, run.sloMicros()) ? "yes" : "no",
                        c.valid() ? "yes" : "NO: " + String.join("; ", c.invalidReasons())), !c.valid(), false));
            }
        }
        return new Table(header, rows);
    }

    /** Per server, the highest asked rate whose step met the SLO (the knee), as "server: R req/s" lines. */
    public static List<String> knees(RunResults run, String scenario) {
        List<String> out = new ArrayList<>();
        for (String server : run.allServers()) {
            List<Cell> steps = run.steps(server, scenario);
            if (steps.isEmpty()) {
                continue;
            }
            Cell knee = null;
            for (Cell c : steps) {
                if (SweepChart.withinSlo(c, run.sloMicros())) {
                    knee = c;
                }
            }
            out.add(server + ": " + (knee == null ? "no step within the SLO"
                    : Format.fixed(knee.stepRate(), 0) + " req/s (P99 " + knee.percentiles().p99() + " µs)"
                    + (knee.valid() ? "" : ", but that step is invalid: " + String.join("; ", knee.invalidReasons()))));
        }
        return out;
    }
}

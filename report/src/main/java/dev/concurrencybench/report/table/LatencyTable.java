package dev.concurrencybench.report.table;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.Floor;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.DriverHealth;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import dev.concurrencybench.report.svg.Format;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-scenario table: P50, P99, P99.9, max (µs), rate, errors, CPU µs/request, peak RSS, context switches per
 * request, GC pause total and validity, one row per server (the driver's floor first, marked as the instrument),
 * with "baseline → now" columns when a baseline is given. Stateless.
 */
public final class LatencyTable {

    /** Marks a Gatling row; the reports explain it in a footnote. */
    public static final String GATLING_MARK = "†";

    private LatencyTable() {
    }

    /** @param baseline another run to compare with, or null */
    public static Table build(RunResults run, String scenario, RunResults baseline) {
        List<String> header = new ArrayList<>(List.of("server", "P50 µs", "P99 µs", "P99.9 µs", "max µs",
                "req/s (target)", "errors", "CPU µs/req", "RSS MiB", "ctx sw/req", "GC pause ms", "valid"));
        if (baseline != null) {
            header.addAll(List.of("P50 µs baseline → now", "P99 µs baseline → now", "P99.9 µs baseline → now",
                    "CPU µs/req baseline → now"));
        }
        List<Table.Row> rows = new ArrayList<>();
        Floor floor = run.floor();
        if (floor != null) {
            List<String> cells = cells("floor (instrument: " + floor.instrument() + ")", floor.summary(),
                    floor.summary().latency(), "the driver's own floor");
            if (baseline != null) {
                Floor bf = baseline.floor();
                cells.addAll(changes(bf == null ? null : bf.summary().latency(), floor.summary().latency(),
                        null, floor.summary()));
            }
            rows.add(new Table.Row(cells, false, true));
        }
        for (Cell c : run.measurements(scenario)) {
            String name = c.label().replace(" (Gatling)", " " + GATLING_MARK + " Gatling");
            String validity = validity(c.valid(), c.invalidReasons(), c.summary() == null ? null
                    : c.summary().driverHealth());
            List<String> cells = cells(name, c.summary(), c.percentiles(), validity);
            if (baseline != null) {
                Cell b = baseline.match(c);
                cells.addAll(changes(b == null ? null : b.percentiles(), c.percentiles(),
                        b == null ? null : b.summary(), c.summary()));
            }
            rows.add(new Table.Row(cells, !c.valid(), false));
        }
        return new Table(header, rows);
    }

    /**
     * The validity cell: {@code yes}, or {@code NO:} and the reasons. An invalid cell shows the driver's health over
     * its window too; a generator-lag reason carries it already ("(window: …)"), any other gets it appended.
     */
    public static String validity(boolean valid, List<String> reasons, DriverHealth health) {
        if (valid) {
            return "yes";
        }
        String text = "NO: " + String.join("; ", reasons);
        return health == null || text.contains("(window: ") ? text : text + " (driver window: " + health.describe() + ")";
    }

    private static List<String> cells(String name, Summary s, Percentiles p, String validity) {
        List<String> r = new ArrayList<>();
        r.add(name);
        r.add(p == null ? "-" : Long.toString(p.p50()));
        r.add(p == null ? "-" : Long.toString(p.p99()));
        r.add(p == null ? "-" : Long.toString(p.p999()));
        r.add(p == null ? "-" : Long.toString(p.max()));
        if (s != null && s.servedNone()) {
            // a model that stopped serving normal clients (under hostile clients): a result, in a red row
            r.add("0 req/s served (" + Format.fixed(s.targetRate(), 0) + ")");
        } else {
            r.add(s == null ? "-" : Format.fixed(s.achievedRate(), 0)
                    + (s.targetRate() > 0 ? " (" + Format.fixed(s.targetRate(), 0) + ")" : " (closed loop)"));
        }
        r.add(s == null ? "-" : Long.toString(s.errors()));
        ServerMetrics m = s == null ? null : s.serverMetrics();
        boolean perRequest = m != null && !s.servedNone(); // no request served: nothing to divide by
        r.add(perRequest ? Format.fixed(m.cpuMicrosPerRequest(), 1) : "-");
        r.add(m == null ? "-" : Long.toString(m.peakRssBytes() >> 20));
        r.add(perRequest ? Format.fixed(m.contextSwitchesPerRequest(), 2) : "-");
        r.add(m == null ? "-" : Format.fixed(m.gcPauseTotalMillis(), 1));
        r.add(validity);
        return r;
    }

    private static List<String> changes(Percentiles base, Percentiles now, Summary bs, Summary ns) {
        double nan = Double.NaN;
        ServerMetrics bm = bs == null ? null : bs.serverMetrics();
        ServerMetrics nm = ns == null ? null : ns.serverMetrics();
        return new ArrayList<>(List.of(
                Change.of(base == null ? nan : base.p50(), now == null ? nan : now.p50()),
                Change.of(base == null ? nan : base.p99(), now == null ? nan : now.p99()),
                Change.of(base == null ? nan : base.p999(), now == null ? nan : now.p999()),
                Change.of(bm == null ? nan : bm.cpuMicrosPerRequest(), nm == null ? nan : nm.cpuMicrosPerRequest())));
    }
}

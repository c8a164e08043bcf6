package dev.concurrencybench.report.table;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.read.StageBreakdown;
import dev.concurrencybench.report.read.StageStat;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-scenario stage table: one row per stage (and the measured total), one column per server, each cell
 * "P50 / P99" in µs from the server's own stage histograms, or why there is no number ("not observable in this
 * model: …", "no TLS in this scenario"). Stateless.
 */
public final class StageTable {

    private StageTable() {
    }

    /** The table, or null when no cell of the scenario has stage timings. */
    public static Table build(RunResults run, String scenario) {
        List<Cell> cells = run.measurements(scenario).stream().filter(c -> c.stages() != null).toList();
        if (cells.isEmpty()) {
            return null;
        }
        List<String> header = new ArrayList<>(List.of("stage (P50 / P99 µs)"));
        cells.forEach(c -> header.add(c.label()));
        List<Table.Row> rows = new ArrayList<>();
        List<String> stages = new ArrayList<>(StageBreakdown.STAGES);
        stages.add("total");
        for (String stage : stages) {
            List<String> r = new ArrayList<>();
            r.add(stage.equals("total") ? "total in server" : stage);
            for (Cell c : cells) {
                StageStat s = c.stages().stage(stage);
                if (s.present()) {
                    r.add(s.percentiles().p50() + " / " + s.percentiles().p99());
                } else if (s.notObservable()) {
                    r.add("not observable in this model: " + s.absentReason());
                } else {
                    r.add("— (" + s.absentReason() + ")");
                }
            }
            rows.add(new Table.Row(r, false, false));
        }
        return new Table(header, rows);
    }
}

package dev.concurrencybench.report.markdown;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.table.HostileTable;
import dev.concurrencybench.report.table.LatencyTable;
import dev.concurrencybench.report.table.RunFacts;
import dev.concurrencybench.report.table.StageTable;
import dev.concurrencybench.report.table.SweepTable;
import dev.concurrencybench.report.table.Table;
import java.util.List;

/**
 * Renders {@code report.md}. Paths in it are relative to the report's folder, so the text does not depend on where
 * the results live. Stateless.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * @param run      the run
     * @param baseline the baseline run, or null
     * @param htmlLink how report.md links to report.html (relative)
     */
    public static String render(RunResults run, RunResults baseline, String htmlLink) {
        StringBuilder b = new StringBuilder(16384);
        b.append("# concurrency-bench: ").append(run.runId()).append("\n\n");
        if (!run.complete()) {
            b.append("> **⚠ Not a complete run:** run.json says `").append(run.status()).append('`')
                    .append(run.statusReason() == null ? "" : " (" + escape(run.statusReason()) + ")")
                    .append(". Missing measurements are marked below.\n\n");
        }
        b.append("Charts (percentile spectra, latency over time, stages, cost): [report.html](").append(htmlLink)
                .append(")\n\n");
        b.append("Reproduce: `").append(RunFacts.command(run)).append("` at commit `")
                .append(run.run().path("commit").asText("unknown")).append("`\n\n");
        if (baseline != null) {
            b.append("Baseline: `").append(baseline.runId()).append("` (").append(baseline.command()).append(", ")
                    .append(baseline.status()).append("). ▲ higher now, ▼ lower now; a side-by-side, not a verdict.\n\n");
        }
        boolean gatling = false;
        for (String scenario : run.scenarios()) {
            boolean sweep = run.cells(scenario).stream().anyMatch(c -> !Double.isNaN(c.stepRate()));
            b.append("## ").append(scenario).append("\n\n");
            String description = description(run, scenario);
            if (!description.isEmpty()) {
                b.append(escape(description)).append("\n\n");
            }
            if (!run.measurements(scenario).isEmpty() || run.floor() != null && !sweep) {
                table(b, LatencyTable.build(run, scenario, baseline));
                gatling |= run.measurements(scenario).stream().anyMatch(Cell::gatling);
            }
            Table groups = HostileTable.groups(run, scenario);
            if (groups != null) {
                b.append("Hostile clients beside the measured ones (warm-up plus measurement):\n\n");
                table(b, groups);
            }
            Table survival = HostileTable.survival(run, scenario);
            if (survival != null) {
                b.append("Survival checks (❌: served nobody, no answer after the attack, or fds not back):\n\n");
                table(b, survival);
            }
            Table stages = StageTable.build(run, scenario);
            if (stages != null) {
                b.append("Where the server's time goes (each stage's own P50 / P99, µs):\n\n");
                table(b, stages);
            }
            if (sweep) {
                b.append("Sweep, SLO on P99 ").append(run.sloMicros()).append(" µs. Highest rate within the SLO:\n\n");
                for (String k : SweepTable.knees(run, scenario)) {
                    b.append("- ").append(escape(k)).append('\n');
                }
                b.append('\n');
                table(b, SweepTable.build(run, scenario));
            }
        }
        if (gatling) {
            b.append(LatencyTable.GATLING_MARK).append(" Gatling's numbers: whole milliseconds, timed from the ")
                    .append("actual send (after Gatling's own throttle), so not coordinated-omission corrected. ")
                    .append("Compare P99s between models with the precise driver's rows.\n\n");
        }
        List<String> problems = problems(run);
        if (!problems.isEmpty()) {
            b.append("## Missing or damaged\n\n");
            problems.forEach(p -> b.append("- ").append(escape(p)).append('\n'));
            b.append('\n');
        }
        b.append("## Environment\n\n");
        table(b, RunFacts.environment(run));
        return b.toString();
    }

    /** Run-level problems, then each cell's. */
    public static List<String> problems(RunResults run) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(run.problems());
        run.cells().forEach(c -> all.addAll(c.problems()));
        return all;
    }

    static String description(RunResults run, String scenario) {
        for (var s : run.run().path("scenarios")) {
            if (scenario.equals(s.path("name").asText())) {
                return s.path("description").asText("");
            }
        }
        return "";
    }

    private static void table(StringBuilder b, Table t) {
        b.append('|');
        t.header().forEach(h -> b.append(' ').append(escape(h)).append(" |"));
        b.append("\n|");
        for (int i = 0; i < t.header().size(); i++) {
            b.append(numeric(t, i) ? "---:|" : ":---|");
        }
        b.append('\n');
        for (Table.Row r : t.rows()) {
            b.append('|');
            for (int i = 0; i < r.cells().size(); i++) {
                String cell = escape(r.cells().get(i));
                if (i == 0 && r.instrument()) {
                    cell = "*" + cell + "*";
                } else if (i == 0 && r.invalid()) {
                    cell = "❌ " + cell;
                }
                b.append(' ').append(cell).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    /** Numbers align right: a column whose every cell starts like a number (or is "-"). */
    private static boolean numeric(Table t, int column) {
        return column > 0 && t.rows().stream().map(r -> r.cells().get(column))
                .allMatch(c -> c.equals("-") || !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.startsWith("- ")));
    }

    /** Keeps table cells and text from being read as Markdown structure. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }
}

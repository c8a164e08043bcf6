package dev.concurrencybench.report.compare;

import java.io.PrintWriter;

/** The console table of a comparison: one row per cell × metric, then what was not compared and the warnings. */
public final class ConsoleTable {

    private ConsoleTable() {
    }

    /** Prints {@code r} to {@code out}. */
    public static void print(PrintWriter out, ComparisonResult r) {
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        out.printf("%-12s %-22s %-8s %10s %10s %8s %-20s %6s  %s%n", "server", "scenario", "metric", "baseline",
                "candidate", "change", "90% interval", "δ", "verdict");
        for (CellResult c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                String verdict = m.verdict().name();
                if (m.repetitionsNeeded() != null) {
                    verdict += " (~" + m.repetitionsNeeded() + " reps/side)";
                }
                if (m.note() != null && m.verdict() != Verdict.INVALID) {
                    verdict += " - " + m.note();
                }
                out.printf("%-12s %-22s %-8s %10s %10s %8s %-20s %6s  %s%n", c.server(), c.scenario(),
                        m.metric().label() + (m.gating() ? "*" : ""), ChangeFormat.value(m.metric(), m.base()),
                        ChangeFormat.value(m.metric(), m.candidate()), ChangeFormat.change(m.ratio()),
                        ChangeFormat.interval(m.ciLow(), m.ciHigh()), ChangeFormat.delta(m.delta()), verdict);
            }
            if (!c.valid()) {
                out.println("    invalid: " + String.join("; ", c.invalidReasons()));
            }
        }
        out.println("* gating (Holm-corrected over the gating tests); validity always gates. Units: latency µs, rate "
                + "req/s, CPU µs/request, RSS MiB.");
        for (String n : r.notCompared()) {
            out.println("not compared: " + n);
        }
        out.flush();
    }
}

package dev.concurrencybench.harness.run;

import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import dev.concurrencybench.report.table.LatencyTable;
import java.io.PrintStream;
import java.util.List;

/**
 * The closing table: server × scenario, P50, P99, generator-lag P99, P99.9, max, rate, CPU per request, RSS,
 * validity. When the run measured the driver's noise floor, that is the first row, marked as the instrument.
 */
public final class SummaryTable {

    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";
    /**
     * Colour only on a terminal: {@code ./bench} sets {@code -Dbench.colour=true} when its output is one and
     * {@code NO_COLOR} (https://no-color.org) is not set; Java cannot tell by itself on every JDK.
     */
    private static final boolean COLOUR = Boolean.getBoolean("bench.colour");

    private SummaryTable() {
    }

    /** Prints the table of {@code rows} (one per server×scenario). */
    public static void print(PrintStream out, List<Summary> rows) {
        print(out, null, null, rows);
    }

    /**
     * Prints the table with the floor first.
     *
     * @param floor      the driver against a server that costs almost nothing, or null
     * @param instrument what that server was, e.g. {@code nginx 1.22.1 (1 worker)}
     * @param rows       one per server×scenario
     */
    public static void print(PrintStream out, Summary floor, String instrument, List<Summary> rows) {
        out.println();
        out.printf("%-12s %-22s %9s %9s %8s %9s %9s %9s %10s %8s  %s%n", "server", "scenario", "P50 µs", "P99 µs",
                "lag P99", "P99.9 µs", "max µs", "req/s", "CPU µs/req", "RSS MiB", "valid");
        if (floor != null) {
            row(out, "floor*", floor);
        }
        for (Summary s : rows) {
            row(out, s.server(), s);
        }
        if (floor != null) {
            out.printf("* the instrument: the driver against %s, %.0f req/s over %d connections; differences "
                    + "between servers smaller than this row are the driver's own noise%n", instrument,
                    floor.targetRate(), floor.connections());
        }
        boolean hostile = false;
        for (Summary s : rows) {
            if (s.hostile() != null) {
                if (!hostile) {
                    out.println();
                    out.println("hostile clients (background groups and survival checks):");
                    hostile = true;
                }
                for (String line : HostileLines.of(s.hostile())) {
                    out.println("  " + s.server() + "/" + s.scenario() + ": " + line);
                }
            }
        }
        out.flush();
    }

    private static void row(PrintStream out, String server, Summary s) {
        ServerMetrics m = s.serverMetrics();
        // Gatling's rows are labelled as Gatling's: whole ms, from its actual send time
        String scenario = "gatling".equals(s.driver()) ? s.scenario() + " [gatling]" : s.scenario();
        // a model that served nobody is a result, shown in red (on a terminal) with the words "0 req/s served"
        boolean red = s.servedNone() && COLOUR;
        out.printf((red ? RED : "") + "%-12s %-22s %9d %9d %8d %9d %9d %9.0f %10s %8s  %s" + (red ? RESET : "") + "%n",
                server, scenario,
                s.latency().p50(), s.latency().p99(), s.lag().p99(), s.latency().p999(), s.latency().max(),
                s.achievedRate(),
                m == null || s.servedNone() ? "-" : String.format("%.1f", m.cpuMicrosPerRequest()),
                m == null ? "-" : String.valueOf(m.peakRssBytes() >> 20),
                LatencyTable.validity(s.valid(), s.invalidReasons(), s.driverHealth()));
    }
}

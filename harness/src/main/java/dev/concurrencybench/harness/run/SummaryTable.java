package dev.concurrencybench.harness.run;

import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.PrintStream;
import java.util.List;

/** The closing table: server × scenario, P50, P99, P99.9, max, rate, CPU per request, RSS, validity. */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** Prints the table of {@code rows} (one per server×scenario). */
    public static void print(PrintStream out, List<Summary> rows) {
        out.println();
        out.printf("%-12s %-22s %9s %9s %9s %9s %9s %10s %8s  %s%n", "server", "scenario", "P50 µs", "P99 µs",
                "P99.9 µs", "max µs", "req/s", "CPU µs/req", "RSS MiB", "valid");
        for (Summary s : rows) {
            ServerMetrics m = s.serverMetrics();
            // Gatling's rows are labelled as Gatling's: whole ms, from its actual send time
            String scenario = "gatling".equals(s.driver()) ? s.scenario() + " [gatling]" : s.scenario();
            out.printf("%-12s %-22s %9d %9d %9d %9d %9.0f %10s %8s  %s%n", s.server(), scenario,
                    s.latency().p50(), s.latency().p99(), s.latency().p999(), s.latency().max(), s.achievedRate(),
                    m == null ? "-" : String.format("%.1f", m.cpuMicrosPerRequest()),
                    m == null ? "-" : String.valueOf(m.peakRssBytes() >> 20),
                    s.valid() ? "yes" : "NO: " + String.join("; ", s.invalidReasons()));
        }
        out.flush();
    }
}

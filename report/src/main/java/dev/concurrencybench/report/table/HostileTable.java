package dev.concurrencybench.report.table;

import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.results.BackgroundOutcome;
import dev.concurrencybench.report.results.HostileOutcome;
import dev.concurrencybench.report.results.ListenQueue;
import dev.concurrencybench.report.results.Survival;
import java.util.ArrayList;
import java.util.List;

/**
 * The two tables of a scenario with background (hostile) clients: what each background group did against each
 * server, and whether each server survived (fresh requests during and after the attack, file descriptors back to
 * their baseline, RSS and threads before, at peak and after, RSS per held connection, its listen queue). A server
 * that failed a survival check is a red row. Stateless.
 */
public final class HostileTable {

    private HostileTable() {
    }

    /** The background groups' outcomes per server, or null when no cell of the scenario had any. */
    public static Table groups(RunResults run, String scenario) {
        List<Table.Row> rows = new ArrayList<>();
        for (Cell c : run.measurements(scenario)) {
            HostileOutcome h = c.summary() == null ? null : c.summary().hostile();
            if (h == null) {
                continue;
            }
            for (BackgroundOutcome g : h.groups()) {
                rows.add(new Table.Row(List.of(c.label(), g.name(), g.kind(),
                        g.ratePerSecond() > 0 ? (long) g.ratePerSecond() + "/s, ≤ " + g.connections() + " open"
                                : Integer.toString(g.connections()),
                        Long.toString(g.opened()), Long.toString(g.connectFailures()), Long.toString(g.held()),
                        Long.toString(g.closedByServer()),
                        g.closeAfterMillisP50() == null ? "-" : g.closeAfterMillisP50() + " / " + g.closeAfterMillisMax(),
                        Long.toString(g.bytesSent()), Long.toString(g.bytesReceived()),
                        g.kind().equals("idle") ? Long.toString(g.responses()) : "-"), false, false));
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        return new Table(List.of("server", "group", "kind", "connections", "opened", "connect failures",
                "held at the end", "closed by server", "closed after ms (P50 / max)", "bytes sent", "bytes received",
                "answered"), rows);
    }

    /** The survival checks per server, or null when no cell of the scenario had any. */
    public static Table survival(RunResults run, String scenario) {
        List<Table.Row> rows = new ArrayList<>();
        for (Cell c : run.measurements(scenario)) {
            HostileOutcome h = c.summary() == null ? null : c.summary().hostile();
            if (h == null) {
                continue;
            }
            Survival s = h.survival();
            ListenQueue q = h.listenQueue();
            List<String> cells = new ArrayList<>();
            cells.add(c.label());
            cells.add(c.summary().servedNone() ? "0 req/s served" : Math.round(c.summary().servedRate()) + " req/s served");
            boolean failed = c.summary().servedNone();
            if (s == null) {
                cells.addAll(List.of("-", "-", "-", "-", "-", "-"));
            } else {
                cells.add(probe(s.freshRequestDuringAttack()));
                cells.add(probe(s.freshRequestAfter()));
                cells.add(trio(s.fds(), 0) + (s.fdsBackToBaseline() ? " (back in " + s.fdWaitMillis() + " ms)"
                        : " (not back after " + s.fdWaitMillis() + " ms)"));
                cells.add(trio(s.rssBytes(), 20));
                cells.add(trio(s.threads(), 0));
                failed |= s.freshRequestAfter() == null || !s.freshRequestAfter().answered() || !s.fdsBackToBaseline();
            }
            cells.add(h.heldRss() == null ? "-" : Math.round(h.heldRss().bytesPerConnection()) + " B × "
                    + h.heldRss().connections());
            cells.add(q == null ? "-" : "backlog " + q.backlog() + ", max " + q.maxQueued() + " waiting, full "
                    + q.fullSamples() + "/" + q.samples() + ", " + q.drops() + " dropped");
            rows.add(new Table.Row(cells, failed, false));
        }
        if (rows.isEmpty()) {
            return null;
        }
        return new Table(List.of("server", "normal clients", "fresh request during attack", "fresh request after",
                "open fds before → end → after", "RSS MiB before → peak → after", "threads before → peak → after",
                "RSS per held connection", "listen queue (own socket)"), rows);
    }

    private static String probe(Survival.Probe p) {
        if (p == null) {
            return "-";
        }
        return p.answered() ? p.status() + " in " + p.millis() + " ms" : "no answer (" + p.error() + ")";
    }

    private static String trio(Survival.Readings r, int shift) {
        return v(r.before(), shift) + " → " + v(r.peak(), shift) + " → " + v(r.after(), shift);
    }

    private static String v(Long x, int shift) {
        return x == null ? "?" : Long.toString(x >> shift);
    }
}

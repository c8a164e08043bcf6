package dev.concurrencybench.harness.run;

import dev.concurrencybench.report.results.BackgroundOutcome;
import dev.concurrencybench.report.results.HostileOutcome;
import dev.concurrencybench.report.results.ListenQueue;
import dev.concurrencybench.report.results.Survival;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The console lines of a hostile cell: each background group's outcome, the survival checks, the listen queue. */
final class HostileLines {

    private HostileLines() {
    }

    static List<String> of(HostileOutcome h) {
        List<String> out = new ArrayList<>();
        if (h == null) {
            return out;
        }
        for (BackgroundOutcome g : h.groups()) {
            out.add(String.format(Locale.ROOT, "background %s: %d opened, %d connect failures, %d held at the end, "
                    + "%d closed by the server%s, %s sent, %s received%s", g.name(), g.opened(), g.connectFailures(),
                    g.held(), g.closedByServer(), g.closeAfterMillisP50() == null ? ""
                            : " (after " + g.closeAfterMillisP50() + " ms median, " + g.closeAfterMillisMax() + " ms max)",
                    bytes(g.bytesSent()), bytes(g.bytesReceived()),
                    g.kind().equals("idle") ? ", " + g.responses() + " answered" : g.resets() > 0 ? ", " + g.resets() + " reset by us" : ""));
        }
        Survival s = h.survival();
        if (s != null) {
            out.add("survival: fresh request during the attack " + probe(s.freshRequestDuringAttack()) + ", after it "
                    + probe(s.freshRequestAfter()) + "; open fds " + s.fds().before() + " -> " + s.fds().peak() + " -> "
                    + s.fds().after() + (s.fdsBackToBaseline() ? " (back to baseline in " + s.fdWaitMillis() + " ms)"
                    : " (NOT back to baseline after " + s.fdWaitMillis() + " ms)") + "; RSS MiB " + mib(s.rssBytes().before())
                    + " -> " + mib(s.rssBytes().peak()) + " -> " + mib(s.rssBytes().after()) + "; threads "
                    + s.threads().before() + " -> " + s.threads().peak() + " -> " + s.threads().after());
        }
        if (h.heldRss() != null) {
            out.add(String.format(Locale.ROOT, "RSS per held connection: %.0f bytes (%d connections)",
                    h.heldRss().bytesPerConnection(), h.heldRss().connections()));
        }
        ListenQueue q = h.listenQueue();
        if (q != null) {
            out.add("listen queue: backlog " + q.backlog() + ", at most " + q.maxQueued() + " waiting, full in "
                    + q.fullSamples() + " of " + q.samples() + " samples, " + q.drops() + " dropped");
        }
        return out;
    }

    static String probe(Survival.Probe p) {
        if (p == null) {
            return "not tried";
        }
        return p.answered() ? "answered " + p.status() + " in " + p.millis() + " ms"
                : "NOT answered (" + p.error() + ", " + p.millis() + " ms)";
    }

    private static String mib(Long bytes) {
        return bytes == null ? "?" : Long.toString(bytes >> 20);
    }

    private static String bytes(long b) {
        return b < 10_000 ? b + " B" : b < 10_000_000 ? (b >> 10) + " KiB" : (b >> 20) + " MiB";
    }
}

package dev.concurrencybench.harness.run;

import dev.concurrencybench.harness.proc.ListenQueueSampler;
import dev.concurrencybench.harness.proc.ProcReader;
import dev.concurrencybench.harness.proc.ProcSample;
import dev.concurrencybench.harness.proc.ProcSampler;
import dev.concurrencybench.loadgen.hostile.BackgroundLoad;
import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.report.results.BackgroundOutcome;
import dev.concurrencybench.report.results.HostileOutcome;
import dev.concurrencybench.report.results.Survival;
import java.io.IOException;
import java.util.List;

/**
 * The survival checks of a cell with background (hostile) clients, taken around the driver's run:
 * <ol>
 *   <li>before the attack: open file descriptors ({@code /proc/<pid>/fd}), RSS and threads, the baseline;</li>
 *   <li>once the attack's connections are established, before the measured clients connect: RSS again, for the
 *       memory per held connection;</li>
 *   <li>when the measurement is over and the attack is about to stop: a fresh {@code GET /plaintext} on a new
 *       connection, and the descriptors, RSS and threads at full strength;</li>
 *   <li>after the attack stopped (its connections closed): another fresh request, then the descriptors polled every
 *       200 ms until they are back at the baseline, for at most the server's idle timeout, then RSS and threads.</li>
 * </ol>
 * Meanwhile the listening socket's queue is sampled with {@code ss} ({@link ListenQueueSampler}). A reading that
 * cannot be taken (the server died) is left null; nothing here throws into the run: a server that falls over is a
 * result. The hooks run on the driver's thread, outside the measured window.
 */
final class HostileChecks implements BackgroundLoad.Listener, AutoCloseable {

    private static final long FD_POLL_MILLIS = 200;

    private final ServerProcess server;
    private final boolean tls;
    private final boolean holdsConnections;
    private final ProcSampler sampler;
    private final ListenQueueSampler listen;
    private final Long fdsBefore;
    private final Long rssBefore;
    private final Long threadsBefore;
    private Long fdsAtEnd;
    private Long rssAtEnd;
    private Long threadsAtEnd;
    private HostileOutcome.HeldConnectionRss heldRss;
    private Survival.Probe during;

    private HostileChecks(ServerProcess server, boolean tls, ProcSampler sampler, boolean holdsConnections) {
        this.server = server;
        this.tls = tls;
        this.holdsConnections = holdsConnections;
        this.sampler = sampler;
        this.listen = ListenQueueSampler.available() ? new ListenQueueSampler(server.port()) : null;
        this.fdsBefore = fds();
        ProcSample s = sample();
        this.rssBefore = s == null ? null : s.rssBytes();
        this.threadsBefore = s == null ? null : (long) s.threads();
    }

    /**
     * Takes the baseline now, before the attack starts.
     *
     * @param holdsConnections the attack has a group that holds a fixed number of connections (not only churn or
     *                         flood, which open theirs at a rate after the start): then the RSS per held
     *                         connection is measured once they are established
     */
    static HostileChecks before(ServerProcess server, boolean tls, ProcSampler sampler, boolean holdsConnections) {
        return new HostileChecks(server, tls, sampler, holdsConnections);
    }

    @Override
    public void established(BackgroundLoad load) {
        ProcSample s = sample();
        int n = load.openNow();
        if (holdsConnections && s != null && rssBefore != null && n > 0) {
            heldRss = new HostileOutcome.HeldConnectionRss(n, rssBefore, s.rssBytes(),
                    Math.round((s.rssBytes() - rssBefore) / (double) n * 10) / 10.0);
        }
    }

    @Override
    public void stopping(BackgroundLoad load) {
        during = probe();
        fdsAtEnd = fds();
        ProcSample s = sample();
        rssAtEnd = s == null ? null : s.rssBytes();
        threadsAtEnd = s == null ? null : (long) s.threads();
        if (listen != null) {
            listen.sample();
        }
    }

    /**
     * The after-attack checks, once the driver's run has returned (the attack is stopped).
     *
     * @param groups what the background groups did
     */
    HostileOutcome finish(List<BackgroundOutcome> groups) {
        Survival.Probe after = probe();
        long idleTimeout = HttpLimits.defaults().idleTimeoutMillis();
        long start = System.nanoTime();
        Long fdsAfter = fds();
        boolean back = fdsAfter != null && fdsBefore != null && fdsAfter <= fdsBefore;
        while (!back && fdsAfter != null && fdsBefore != null && (System.nanoTime() - start) / 1_000_000 < idleTimeout) {
            try {
                Thread.sleep(FD_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            fdsAfter = fds();
            back = fdsAfter != null && fdsAfter <= fdsBefore;
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        ProcSample s = sample();
        long[] peak = sampler.peak();
        Survival survival = new Survival(during, after,
                new Survival.Readings(fdsBefore, fdsAtEnd, fdsAfter), back, waited, idleTimeout,
                new Survival.Readings(rssBefore, max(peak == null ? null : peak[0], rssAtEnd),
                        s == null ? null : s.rssBytes()),
                new Survival.Readings(threadsBefore, max(peak == null ? null : peak[1], threadsAtEnd),
                        s == null ? null : (long) s.threads()));
        return new HostileOutcome(groups, survival, listen == null ? null : listen.result(), heldRss);
    }

    private static Long max(Long a, Long b) {
        if (a == null) return b;
        if (b == null) return a;
        return Math.max(a, b);
    }

    private Survival.Probe probe() {
        long t0 = System.nanoTime();
        try {
            ResponseVerifier.Response r = ResponseVerifier.fetch(server.port(), tls, "/plaintext");
            return new Survival.Probe(true, r.status(), (System.nanoTime() - t0) / 1_000_000, null);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Survival.Probe(false, 0, (System.nanoTime() - t0) / 1_000_000, why);
        }
    }

    private Long fds() {
        try {
            return ProcReader.openFds(server.pid());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private ProcSample sample() {
        try {
            return ProcReader.read(server.pid());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (listen != null) {
            listen.close();
        }
    }
}

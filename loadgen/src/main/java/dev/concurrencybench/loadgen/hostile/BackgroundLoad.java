package dev.concurrencybench.loadgen.hostile;

import dev.concurrencybench.loadgen.driver.BackgroundTraffic;
import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import dev.concurrencybench.report.results.BackgroundOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's background (hostile) client groups, run beside a measurement by {@link
 * dev.concurrencybench.loadgen.driver.PreciseDriver}: {@link #start} opens one platform thread with one selector
 * for all of them, {@link #awaitEstablished} waits until their initial connections are in place (so the
 * measured clients meet the attack from their first request), {@link #stop} ends them and closes their
 * connections. Then {@link #outcomes} says what each group did.
 *
 * <p>Hooks for the harness ({@link Listener}) run on the caller's thread: once the attack is established (before
 * the measured clients connect) and just before it is stopped (after the measurement has drained), while the
 * attack is still at full strength.
 *
 * <p>Threading: every method is called from the driver's thread; the attack runs on its own thread in between.
 * Loopback only, like every load of the suite: the caller passes the address it measures.
 */
public final class BackgroundLoad implements BackgroundTraffic {

    /** Called by the driver's thread at the two moments a harness wants to look at the server. */
    public interface Listener {
        /** The attack's initial connections are in place; the measured clients have not connected yet. */
        default void established(BackgroundLoad load) {
        }

        /** The measurement is over and the attack is about to stop. */
        default void stopping(BackgroundLoad load) {
        }
    }

    /** File descriptors kept free for everything else of the process. */
    private static final long SPARE_FILES = 1024;

    private final List<BackgroundGroup> groups;
    private final String hostHeader;
    private final Listener listener;
    private AttackLoop loop;
    private Thread thread;
    private boolean stopped;
    private List<BackgroundOutcome> outcomes = List.of();
    private List<String> notes = List.of();

    /**
     * @param groups     the scenario's validated background groups, at least one
     * @param hostHeader the {@code Host} header of their requests, e.g. {@code 127.0.0.1:8080}
     * @param listener   hooks, or null
     */
    public BackgroundLoad(List<BackgroundGroup> groups, String hostHeader, Listener listener) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("at least one background group");
        }
        this.groups = List.copyOf(groups);
        this.hostHeader = hostHeader;
        this.listener = listener;
    }

    @Override
    public void start(InetSocketAddress address, long deadlineNanos) throws IOException {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IOException("background clients target loopback only, not " + address);
        }
        long needed = 0;
        for (BackgroundGroup g : groups) {
            needed += g.connections();
        }
        long limit = openFileLimit();
        if (limit > 0 && needed + SPARE_FILES > limit) {
            throw new IOException("the background clients may hold " + needed + " connections but this process may "
                    + "open only " + limit + " files: raise 'ulimit -n' (./bench raises it to the hard limit)");
        }
        loop = new AttackLoop(groups, address, hostHeader, deadlineNanos);
        thread = Thread.ofPlatform().daemon().name("loadgen-background").unstarted(loop);
        thread.start();
    }

    @Override
    public void awaitEstablished(long timeoutNanos) {
        if (loop == null) {
            return;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (!loop.established && thread.isAlive() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (listener != null) {
            listener.established(this);
        }
    }

    /** True once the initial connections were all in place (false when the wait timed out). */
    public boolean established() {
        return loop != null && loop.established;
    }

    /** Connections the attack holds open right now (updated by its thread each turn). */
    public int openNow() {
        return loop == null ? 0 : loop.openNow;
    }

    /** Connections the server has closed so far (updated by the attack's thread each turn). */
    public long closedByServerNow() {
        return loop == null ? 0 : loop.closedByServer;
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (loop == null) {
            return;
        }
        if (listener != null) {
            try {
                listener.stopping(this);
            } catch (RuntimeException e) {
                // a failing hook must not keep the attack running
            }
        }
        loop.stop = true;
        loop.selector.wakeup();
        boolean interrupted = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        long[] held = loop.held();
        List<BackgroundOutcome> out = new ArrayList<>();
        for (int i = 0; i < loop.groups.size(); i++) {
            out.add(loop.groups.get(i).outcome(held == null ? -1 : held[i]));
        }
        outcomes = List.copyOf(out);
        notes = loop.errors();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What each group did, in the scenario's order; empty until {@link #stop}. */
    public List<BackgroundOutcome> outcomes() {
        return outcomes;
    }

    /** The first few problems the attack met (failed connects and the like); empty until {@link #stop}. */
    public List<String> notes() {
        return notes;
    }

    /** The soft limit on open files of this process, from {@code /proc/self/limits}, or -1 when unknown. */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).strip().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no check
        }
        return -1;
    }
}

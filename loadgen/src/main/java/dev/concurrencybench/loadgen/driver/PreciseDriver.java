package dev.concurrencybench.loadgen.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The precise driver: plain NIO, no framework. {@link DriverConfig#ioThreads()} {@link DriverLoop}s (default
 * one, on the caller's thread) each own a share of the connections and of the schedule, and do both the pacing
 * and the socket I/O of their share, so nothing crosses a thread per request. The first loop also takes the
 * interval histograms once a second, between two sends.
 *
 * <p>Back-pressure: at most {@code connections × pipelineDepth} requests are in flight. A request due while all
 * are busy is sent the moment one frees; its latency still runs from its intended send time, so a stalled server
 * shows in the corrected histogram instead of silently lowering the rate (coordinated omission).
 */
public final class PreciseDriver {

    private static final long CONNECT_TIMEOUT_NANOS = 10_000_000_000L;
    /** With background clients, how long their connections may take to be in place before the driver's own. */
    private static final long BACKGROUND_ESTABLISH_NANOS = 30_000_000_000L;
    /** With background clients, a server that cannot take the driver's connections is a result, not a failure. */
    private static final long BACKGROUND_CONNECT_TIMEOUT_NANOS = 3_000_000_000L;
    /** The background clients' own deadline beyond warm-up plus measurement: establishing, connecting, draining. */
    private static final long BACKGROUND_SLACK_NANOS = 60_000_000_000L;

    private PreciseDriver() {
    }

    /**
     * Runs warm-up plus measurement and returns what was measured. Blocks the calling thread, which runs the first
     * driver loop; returns early (with what was measured so far) when interrupted.
     *
     * @param config   the run
     * @param listener receives an {@link Interval} about every second of the measurement, on the driver's own
     *                 thread between two sends (keep it short), or null
     * @return the measurement
     * @throws IOException when the keep-alive connections cannot be established before measurement
     */
    public static DriverResult run(DriverConfig config, Interval.Listener listener) throws IOException {
        return run(config, listener, Intervals.INTERVAL_NANOS, null);
    }

    /**
     * As {@link #run(DriverConfig, Interval.Listener)}, with background clients beside the measurement: they are
     * started and their initial connections awaited before the driver opens its own, so they run through the whole
     * warm-up plus measurement, and they are stopped when the measurement has drained. A server that then cannot
     * take the driver's connections is measured anyway (its requests time out) instead of failing the run: a model
     * that stops serving normal clients under attack is a result.
     *
     * @param background the background clients, or null for none
     */
    public static DriverResult run(DriverConfig config, Interval.Listener listener, BackgroundTraffic background)
            throws IOException {
        return run(config, listener, Intervals.INTERVAL_NANOS, background);
    }

    /** As {@link #run(DriverConfig, Interval.Listener)}, with intervals of {@code intervalNanos} (the warm-up). */
    static DriverResult run(DriverConfig config, Interval.Listener listener, long intervalNanos) throws IOException {
        return run(config, listener, intervalNanos, null);
    }

    private static DriverResult run(DriverConfig config, Interval.Listener listener, long intervalNanos,
                                    BackgroundTraffic background) throws IOException {
        // Start the measurement with an empty young generation: the hot path allocates nothing, so what little the
        // rest of the process allocates (a few kB a second) then never fills it during a measurement.
        LatencyRecorders recorders = new LatencyRecorders(config.templates());
        Intervals intervals = new Intervals(recorders, listener, intervalNanos);
        System.gc();
        Templates templates = new Templates(config.templates());
        InetSocketAddress address = new InetSocketAddress(config.target().host(), config.target().port());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + config.target().host());
        }
        SSLContext ssl = null;
        if (config.target().tls()) {
            try {
                ssl = TlsSession.trustAllContext();
            } catch (GeneralSecurityException e) {
                throw new IOException("no TLS client context: " + e.getMessage(), e);
            }
        }
        int loopCount = Math.max(1, Math.min(config.ioThreads(), config.connections()));
        List<DriverLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < loopCount; i++) {
                int share = config.connections() / loopCount + (i < config.connections() % loopCount ? 1 : 0);
                loops.add(new DriverLoop(config, recorders, templates, address, ssl, i, share));
            }
            if (background != null) {
                background.start(address, System.nanoTime() + BACKGROUND_SLACK_NANOS + config.warmupNanos()
                        + config.durationNanos());
                background.awaitEstablished(BACKGROUND_ESTABLISH_NANOS);
            }
            if (config.mode() != DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST) {
                for (DriverLoop loop : loops) {
                    if (background == null) {
                        loop.connectAll(CONNECT_TIMEOUT_NANOS);
                        continue;
                    }
                    try {
                        loop.connectAll(BACKGROUND_CONNECT_TIMEOUT_NANOS);
                    } catch (IOException e) {
                        // the slots still connecting keep trying during the run; their requests wait (and time out)
                        recorders.addErrorMessage(e.getMessage() + " (under background load: measured anyway)");
                    }
                }
            }
            long start = System.nanoTime() + 1_000_000;
            long measureStart = start + config.warmupNanos();
            long end = measureStart + config.durationNanos();
            recorders.windowStartNanos = measureStart;
            recorders.windowEndNanos = end;
            intervals.measureStart(measureStart);
            loops.get(0).intervals(intervals);
            for (int i = 0; i < loopCount; i++) {
                loops.get(i).times(start, measureStart, end, schedule(config, start, i, loopCount));
            }
            for (int i = 1; i < loopCount; i++) {
                DriverLoop loop = loops.get(i);
                Thread t = new Thread(() -> runLoop(loop), "loadgen-loop-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            runLoop(loops.get(0));
            boolean interrupted = Thread.currentThread().isInterrupted();
            for (int i = 1; i < loopCount; i++) {
                if (interrupted) {
                    loops.get(i).stop = true;
                }
                joinQuietly(threads.get(i - 1));
            }
            long measured = Math.min(System.nanoTime(), end) - measureStart;
            intervals.take(true);
            return intervals.result(config, Math.max(measured, 1), recorders.firstErrors());
        } finally {
            for (DriverLoop loop : loops) {
                loop.stop = true;
            }
            for (Thread t : threads) {
                joinQuietly(t);
            }
            for (DriverLoop loop : loops) {
                loop.closeQuietly();
            }
            if (background != null) {
                background.stop();
            }
        }
    }

    private static void runLoop(DriverLoop loop) {
        try {
            loop.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            loop.finish();
        }
    }

    private static Schedule schedule(DriverConfig config, long start, int loop, int loops) {
        if (config.mode() == DriverConfig.Mode.CLOSED_LOOP) {
            return null;
        }
        double rate = config.ratePerSecond() / loops;
        if (config.poisson()) {
            return Schedule.poisson(start, rate, config.seed() + loop);
        }
        // loop i takes requests i, i + n, i + 2n, ... of the one constant schedule
        return Schedule.constant(start + (long) (loop * 1e9 / config.ratePerSecond()), rate);
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

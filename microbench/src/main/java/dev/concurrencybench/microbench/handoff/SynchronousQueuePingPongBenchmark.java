package dev.concurrencybench.microbench.handoff;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ping-pong between the JMH thread and an echo platform thread through two {@link SynchronousQueue}s: the hand-off
 * of a classic blocking queue, which spins briefly before parking and so may beat a bare park/unpark when both
 * threads have a core.
 *
 * <p>Pitfall avoided: an echo thread that outlives the trial or boxes on the hot path. The ball is one preallocated
 * object; the echo thread is a daemon stopped in teardown by a poison value. Score: ns per one-way hand-off (round
 * trip / 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SynchronousQueuePingPongBenchmark {

    private static final Object BALL = new Object();
    private static final Object STOP = new Object();

    private final SynchronousQueue<Object> there = new SynchronousQueue<>();
    private final SynchronousQueue<Object> back = new SynchronousQueue<>();
    private Thread echo;

    @Setup(Level.Trial)
    public void start() {
        echo = Thread.ofPlatform().daemon().name("echo").start(() -> {
            try {
                Object o;
                while ((o = there.take()) != STOP) back.put(o);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        there.put(STOP);
        echo.join();
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public Object platformThreads() throws InterruptedException {
        there.put(BALL);
        return back.take();
    }
}

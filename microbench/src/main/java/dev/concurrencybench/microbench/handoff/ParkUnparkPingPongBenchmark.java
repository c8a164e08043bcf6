package dev.concurrencybench.microbench.handoff;

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
 * Ping-pong between two platform threads with {@code LockSupport.park/unpark}: the thread-pool model's hand-off,
 * and the article's "high (kernel)" context switch. Each hand-off is a futex wake of a parked OS thread.
 *
 * <p>Pitfall avoided: timing one hand-off with one thread's clock. A one-way latency needs two clocks; a round trip
 * needs one. The benchmark times a rally of {@value #ROUNDS} round trips and divides by its 2 × {@value #ROUNDS}
 * hand-offs ({@code @OperationsPerInvocation}), which also makes the one extra wake-up of the JMH thread per rally
 * negligible. With fewer cores than runnable threads the score includes run-queue waits: that is the point on a
 * loaded server, but run it on a quiet machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ParkUnparkPingPongBenchmark {

    static final int ROUNDS = 1000;

    private Rally rally;

    @Setup(Level.Trial)
    public void start() {
        rally = new Rally(Thread.ofPlatform().daemon().name("pingpong-", 0).factory(), ROUNDS);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        rally.close();
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public void platformThreads() {
        rally.rally();
    }
}

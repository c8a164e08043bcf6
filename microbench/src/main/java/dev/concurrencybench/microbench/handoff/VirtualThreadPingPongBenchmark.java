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
 * Ping-pong between two virtual threads with {@code LockSupport.park/unpark}, the same {@link Rally} as the platform
 * benchmark: on one carrier thread and on two. This is the article's "low (user space)" claim for green threads.
 *
 * <p>Pitfall avoided: not controlling the carriers. The virtual-thread scheduler's parallelism is read once per JVM,
 * so it cannot be a {@code @Param}: each method pins it with its own {@code @Fork(jvmArgsAppend = …)}. On one
 * carrier a hand-off is an unmount and a mount on the same OS thread, with no kernel involved; on two, the woken
 * thread may be scheduled on the other carrier, which then must itself be woken from the kernel. The score is
 * ns per one-way hand-off (a rally of {@value #ROUNDS} round trips divided by its hand-offs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VirtualThreadPingPongBenchmark {

    static final int ROUNDS = 1000;

    private Rally rally;

    @Setup(Level.Trial)
    public void start() {
        rally = new Rally(Thread.ofVirtual().name("pingpong-", 0).factory(), ROUNDS);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        rally.close();
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    @Fork(value = 2, jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=1"})
    public void oneCarrier() {
        rally.rally();
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    @Fork(value = 2, jvmArgsAppend = {"-Djdk.virtualThreadScheduler.parallelism=2"})
    public void twoCarriers() {
        rally.rally();
    }
}

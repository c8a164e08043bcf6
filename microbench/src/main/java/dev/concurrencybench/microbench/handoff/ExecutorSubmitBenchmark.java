package dev.concurrencybench.microbench.handoff;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Submit a task to an idle single-thread executor and wait for its future: the hand-off a thread-pool server makes
 * when an acceptor or loop passes work to a worker (one wake-up to run it, one to report completion).
 *
 * <p>Pitfall avoided: measuring a queue, not a hand-off. If the benchmark only submitted, the worker would fall
 * behind and the score would be the cost of enqueuing into a growing queue. Waiting for each task keeps the worker
 * parked between tasks, so every submit really wakes a thread. The task is a preallocated lambda with no capture.
 * Score: ns per one-way hand-off (round trip / 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ExecutorSubmitBenchmark {

    private static final Runnable TASK = () -> { };

    private ExecutorService executor;

    @Setup(Level.Trial)
    public void start() {
        executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("worker").factory());
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) throw new IllegalStateException("worker did not stop");
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public Object submitAndAwait() throws InterruptedException, ExecutionException {
        return executor.submit(TASK).get();
    }
}

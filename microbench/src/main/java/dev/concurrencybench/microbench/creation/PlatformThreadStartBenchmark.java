package dev.concurrencybench.microbench.creation;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start a platform thread that does nothing, and join it: clone(2), stack mmap, TLS setup and the kernel's
 * scheduling of a new task, then its exit and the join's wake-up. The cost a thread-per-request server would pay per
 * request, which is why thread-pool servers pool.
 *
 * <p>Pitfall avoided: leaking threads into the next invocation. Joining inside the measurement makes every thread
 * finish before the next one starts, so the score is one creation and teardown, not the cost of a growing crowd of
 * live threads. The {@code Thread} is returned so its creation is not dead code.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PlatformThreadStartBenchmark {

    private static final Runnable NOTHING = () -> { };

    @Benchmark
    public Thread startAndJoin() throws InterruptedException {
        Thread t = Thread.ofPlatform().start(NOTHING);
        t.join();
        return t;
    }
}

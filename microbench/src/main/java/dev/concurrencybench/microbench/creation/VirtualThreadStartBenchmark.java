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
 * Start a virtual thread that does nothing, and join it: a heap object and a continuation submitted to the
 * ForkJoinPool scheduler, run on a carrier, then the join's wake-up of the (platform) JMH thread. The cost a
 * thread-per-connection server pays per connection.
 *
 * <p>Pitfall avoided: reading the score as the virtual thread alone. The join wakes the JMH platform thread through
 * the kernel, so this figure includes one platform hand-off; compare it with
 * {@code PlatformThreadStartBenchmark}, which has the same wake-up, rather than with zero.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class VirtualThreadStartBenchmark {

    private static final Runnable NOTHING = () -> { };

    @Benchmark
    public Thread startAndJoin() throws InterruptedException {
        Thread t = Thread.ofVirtual().start(NOTHING);
        t.join();
        return t;
    }
}

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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Reactor {@code publishOn} hop: a value emitted on the JMH thread, delivered on a single-thread scheduler, and
 * awaited with {@code block()}. This is what an operator chain pays each time it changes threads, the reactive
 * model's hand-off.
 *
 * <p>Pitfall avoided: measuring assembly. A {@code Mono} chain is a reusable cold description; building it
 * ({@code Mono.just(…).publishOn(…)}) allocates operator objects that a server builds once per route, not once per
 * hop. It is assembled once in setup, and each invocation only subscribes. Score: ns per one-way hand-off (the hop
 * and the wake-up of the blocked subscriber, round trip / 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ReactorPublishOnBenchmark {

    private Scheduler scheduler;
    private Mono<Integer> hop;

    @Setup(Level.Trial)
    public void assemble() {
        scheduler = Schedulers.newSingle("publishOn-target", true);
        hop = Mono.just(42).publishOn(scheduler);
    }

    @TearDown(Level.Trial)
    public void stop() {
        scheduler.dispose();
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public Integer publishOnAndBlock() {
        return hop.block();
    }
}

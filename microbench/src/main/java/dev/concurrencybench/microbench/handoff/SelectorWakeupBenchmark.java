package dev.concurrencybench.microbench.handoff;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * A task handed to a NIO event loop from another thread: enqueue, {@link Selector#wakeup()}, the loop returns from
 * {@code select()} (an epoll_wait woken through the selector's eventfd/pipe), runs the task; the task then unparks the
 * submitter. This is how the event-loop model receives work from outside its one thread (an offloaded CPU task
 * finishing, a timer set elsewhere).
 *
 * <p>Pitfall avoided: a loop that never sleeps. If the loop spun on the queue instead of blocking in {@code select()},
 * the score would be a cache-line transfer, not the wake-up a real loop with idle sockets pays. Here the loop blocks
 * in {@code select()} between tasks, as the suite's event-loop server does. Score: ns per one-way hand-off, the mean
 * of the selector wake-up and the park/unpark back (round trip / 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SelectorWakeupBenchmark {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private Selector selector;
    private Thread loop;
    private volatile boolean running;
    private volatile boolean done;
    private volatile Thread submitter;
    private final Runnable task = () -> {
        done = true;
        LockSupport.unpark(submitter);
    };

    @Setup(Level.Trial)
    public void start() throws IOException {
        selector = Selector.open();
        running = true;
        loop = Thread.ofPlatform().daemon().name("selector-loop").start(this::runLoop);
    }

    private void runLoop() {
        try {
            while (running) {
                selector.select();
                Runnable t;
                while ((t = tasks.poll()) != null) t.run();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException, IOException {
        running = false;
        selector.wakeup();
        loop.join();
        selector.close();
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public boolean submitAndAwait() {
        submitter = Thread.currentThread();
        done = false;
        tasks.add(task);
        selector.wakeup();
        while (!done) LockSupport.park(this);
        return done;
    }
}

package dev.concurrencybench.pipeline.process;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How a concurrency model waits for simulated I/O and where it runs CPU work: the one place where the
 * {@link RequestProcessor} lets the model decide. Each server supplies its own.
 *
 * <ul>
 *   <li>thread-based models: {@link #BLOCKING} — sleep on the calling thread (a virtual thread unmounts);</li>
 *   <li>the event loop: a timer on the loop, resuming on the loop;</li>
 *   <li>Reactor: {@code Mono.delay} on the connection's own event loop.</li>
 * </ul>
 *
 * <p>Contract: each method calls its continuation exactly once, on a thread of the model's choosing, and the model
 * guarantees that continuations of one connection never run concurrently.
 */
@FunctionalInterface
public interface WaitStrategy {

    /**
     * Waits {@code micros} µs in the model's own idiom, then runs {@code resume}.
     *
     * @param micros wait in microseconds, &gt; 0
     * @param resume continuation, called exactly once
     */
    void awaitIo(long micros, Runnable resume);

    /**
     * Runs CPU-bound {@code work} and hands its result to {@code resume}. By default inline on the calling thread;
     * the event loop's {@code --offload-cpu-threads} runs it on a worker pool and resumes on the loop.
     */
    default <T> void runCpu(Supplier<T> work, Consumer<T> resume) {
        resume.accept(work.get());
    }

    /** Thread-per-connection idiom: a blocking sleep on the calling thread. */
    WaitStrategy BLOCKING = (micros, resume) -> {
        Blocking.sleepMicros(micros);
        resume.run();
    };

    /** The blocking primitive shared by {@link #BLOCKING} and the {@code blockMicros} step. */
    final class Blocking {
        private Blocking() {}

        /**
         * Blocks the calling thread for {@code micros} µs. On a virtual thread this unmounts (as a blocking JDBC call
         * would without pinning); on a platform thread or an event loop it holds the thread.
         */
        public static void sleepMicros(long micros) {
            if (micros <= 0) return;
            long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
            boolean interrupted = false;
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    // Keep the promised wait; restore the flag for the owner (e.g. a shutting-down pool).
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}

package dev.concurrencybench.microbench.handoff;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Two threads made by one {@link ThreadFactory} that bounce a ball between them with {@link LockSupport#park()} and
 * {@link LockSupport#unpark}: the bare hand-off every blocking queue, lock and future is built on. The benchmark
 * thread asks for a rally of {@code rounds} round trips and waits for it, so with virtual threads both ends really
 * are virtual (the JMH thread is a platform thread and takes part only once per rally).
 *
 * <p>Threading: {@link #rally} is called by one thread at a time; {@link #close} stops both ends.
 */
final class Rally implements AutoCloseable {

    private final int rounds;
    private final Thread ping;
    private final Thread pong;
    private volatile boolean pongsTurn;
    private volatile boolean running = true;
    private volatile long requested;
    private volatile long completed;
    private volatile Thread caller;

    Rally(ThreadFactory threads, int rounds) {
        this.rounds = rounds;
        this.ping = threads.newThread(this::pingLoop);
        this.pong = threads.newThread(this::pongLoop);
        ping.start();
        pong.start();
    }

    /** Runs {@code rounds} round trips (2 × rounds hand-offs) between the two threads and waits for them. */
    void rally() {
        caller = Thread.currentThread();
        long target = requested + 1;
        requested = target;
        LockSupport.unpark(ping);
        // Spurious wake-ups are allowed by park's contract: always re-check the condition.
        while (completed < target) LockSupport.park(this);
    }

    private void pingLoop() {
        long served = 0;
        while (running) {
            if (requested == served) {
                LockSupport.park(this);
                continue;
            }
            for (int i = 0; i < rounds; i++) {
                pongsTurn = true;
                LockSupport.unpark(pong);
                while (pongsTurn && running) LockSupport.park(this);
            }
            completed = ++served;
            LockSupport.unpark(caller);
        }
    }

    private void pongLoop() {
        while (running) {
            if (!pongsTurn) {
                LockSupport.park(this);
                continue;
            }
            pongsTurn = false;
            LockSupport.unpark(ping);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(ping);
        LockSupport.unpark(pong);
        ping.join();
        pong.join();
    }
}

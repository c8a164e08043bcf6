package dev.concurrencybench.loadgen.driver;

/**
 * The requests one {@link DriverLoop} owes again: those a server dropped after announcing its close. A FIFO ring of
 * (template, intended send time, when the generator was free to send it) in parallel primitive arrays, so queueing a
 * request allocates nothing; the ring doubles only when more requests wait at once than ever before.
 *
 * <p>Single-threaded: owned by its loop.
 */
final class ResendQueue {

    private long[] intended = new long[64];
    private long[] ready = new long[64];
    private int[] template = new int[64];
    private int head;
    private int count;

    /** Requests waiting to go out again. */
    int count() {
        return count;
    }

    /**
     * Queues a request behind the others.
     *
     * @param t             template index
     * @param intendedNanos its intended send time, nanoTime ns (unchanged by the re-send)
     * @param readyNanos    when the generator was free to send it again, nanoTime ns
     */
    void add(int t, long intendedNanos, long readyNanos) {
        if (count == intended.length) {
            grow();
        }
        int i = (head + count) % intended.length;
        intended[i] = intendedNanos;
        ready[i] = readyNanos;
        template[i] = t;
        count++;
    }

    /**
     * Removes the oldest request; only when {@link #count()} &gt; 0. Returns its index, whose values stay readable
     * through {@link #template}, {@link #intended} and {@link #ready} until the next {@link #add}.
     */
    int poll() {
        int i = head;
        head = (head + 1) % intended.length;
        count--;
        return i;
    }

    int template(int i) {
        return template[i];
    }

    long intended(int i) {
        return intended[i];
    }

    long ready(int i) {
        return ready[i];
    }

    private void grow() {
        int n = intended.length;
        long[] in = new long[n * 2];
        long[] re = new long[n * 2];
        int[] te = new int[n * 2];
        for (int k = 0; k < count; k++) {
            int i = (head + k) % n;
            in[k] = intended[i];
            re[k] = ready[i];
            te[k] = template[i];
        }
        intended = in;
        ready = re;
        template = te;
        head = 0;
    }
}

package dev.concurrencybench.loadgen.driver;

/**
 * The requests in flight on one {@link Connection}, oldest first. HTTP/1.1 answers in order, pipelined or not, so a
 * response always belongs to the oldest. A ring of parallel primitive arrays (template, intended send time, when the
 * generator was free to send, actual send time; all nanoTime ns), so sending and answering a request allocate
 * nothing.
 *
 * <p>Single-threaded: owned by its connection's loop.
 */
final class InFlightRequests {

    private final int capacity;
    private final long[] intended;
    private final long[] ready;
    private final long[] sent;
    private final int[] template;
    private int head;
    private int count;

    /** @param capacity requests in flight at most (the pipeline depth) */
    InFlightRequests(int capacity) {
        this.capacity = capacity;
        this.intended = new long[capacity];
        this.ready = new long[capacity];
        this.sent = new long[capacity];
        this.template = new int[capacity];
    }

    int count() {
        return count;
    }

    /** True when another request fits. */
    boolean hasRoom() {
        return count < capacity;
    }

    /**
     * Appends a request; the caller has checked {@link #hasRoom()}. Returns its index, for {@link #sentAt}.
     *
     * @param t             template index
     * @param intendedNanos intended send time
     * @param readyNanos    when the generator was free to send it
     */
    int add(int t, long intendedNanos, long readyNanos) {
        int i = (head + count) % capacity;
        intended[i] = intendedNanos;
        ready[i] = readyNanos;
        template[i] = t;
        count++;
        return i;
    }

    /** Stamps request {@code i} as written at {@code nanos}. */
    void sentAt(int i, long nanos) {
        sent[i] = nanos;
    }

    /** Makes {@code t} the only request, stamped as sent at {@code sentNanos}. */
    void only(int t, long intendedNanos, long readyNanos, long sentNanos) {
        intended[0] = intendedNanos;
        ready[0] = readyNanos;
        sent[0] = sentNanos;
        template[0] = t;
        head = 0;
        count = 1;
    }

    /** Index of the oldest request; only when {@link #count()} &gt; 0. */
    int oldest() {
        return head;
    }

    /**
     * Removes the oldest request; only when {@link #count()} &gt; 0. Returns its index, whose values stay readable
     * until the next {@link #add} or {@link #only}.
     */
    int removeOldest() {
        int i = head;
        head = (head + 1) % capacity;
        count--;
        return i;
    }

    /** Forgets every request. */
    void clear() {
        head = 0;
        count = 0;
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

    long sent(int i) {
        return sent[i];
    }
}

package dev.concurrencybench.loadgen.hostile;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Timed} by due time, with O(log n) reschedule and removal (each entry knows its
 * index). Nothing is allocated except when the heap grows. Single-threaded: the background loop's.
 */
final class TimerHeap {

    private Timed[] heap = new Timed[256];
    private int size;

    /** Schedules {@code t} at {@code due}, or moves it there when it is already scheduled. */
    void schedule(Timed t, long due) {
        if (t.heapIndex >= 0) {
            long old = t.due;
            t.due = due;
            if (due - old < 0) {
                up(t.heapIndex);
            } else {
                down(t.heapIndex);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.due = due;
        t.heapIndex = size;
        heap[size++] = t;
        up(t.heapIndex);
    }

    /** Unschedules {@code t}; nothing when it is not scheduled. */
    void cancel(Timed t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        Timed last = heap[--size];
        heap[size] = null;
        t.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            up(i);
            down(last.heapIndex);
        }
    }

    /** The earliest due time, or {@code Long.MAX_VALUE} when empty. */
    long nextDue() {
        return size == 0 ? Long.MAX_VALUE : heap[0].due;
    }

    /**
     * Fires everything due by {@code now} (a fired entry is unscheduled first and may schedule itself again), at
     * most {@code max} entries, so one late turn cannot run away.
     */
    void fireDue(long now, int max) {
        for (int n = 0; n < max && size > 0 && heap[0].due - now <= 0; n++) {
            Timed t = heap[0];
            cancel(t);
            t.fire(now);
        }
    }

    int size() {
        return size;
    }

    private void up(int i) {
        Timed t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timed p = heap[parent];
            if (p.due - t.due <= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void down(int i) {
        Timed t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timed c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].due - c.due < 0) {
                child = right;
                c = heap[child];
            }
            if (t.due - c.due <= 0) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}

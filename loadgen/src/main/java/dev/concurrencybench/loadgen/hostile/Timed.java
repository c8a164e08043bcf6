package dev.concurrencybench.loadgen.hostile;

/** Something with a due time in a {@link TimerHeap}: a connection's next byte or read, a group's next connect. */
abstract class Timed {

    /** When it is due, {@code System.nanoTime()} ns; meaningful only while {@link #heapIndex} &ge; 0. */
    long due;
    /** Position in the heap, -1 when not scheduled. */
    int heapIndex = -1;

    /** Called on the loop thread when due. */
    abstract void fire(long now);
}

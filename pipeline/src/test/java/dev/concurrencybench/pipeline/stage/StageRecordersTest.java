package dev.concurrencybench.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nanoseconds in, microsecond histograms out, per stage; and the off switch that costs nothing. */
class StageRecordersTest {

    private final StageRecorders stages = StageRecorders.enabled();

    /** The single value recorded in {@code stage} this interval, checked to be the only one. */
    private long onlyValue(Stage stage) {
        Histogram h = stages.intervalHistogram(stage);
        assertEquals(1, h.getTotalCount(), stage + " holds one value");
        return h.getMaxValue();
    }

    private void assertRecordedAs(long nanos, long expectedMicros) {
        stages.record(Stage.PARSE, nanos);
        Histogram h = stages.intervalHistogram(Stage.PARSE);
        assertEquals(1, h.getTotalCount());
        assertTrue(h.valuesAreEquivalent(expectedMicros, h.getMaxValue()),
                nanos + " ns recorded as " + h.getMaxValue() + " µs, expected " + expectedMicros);
    }

    @Test
    void nanosAreRecordedAsMicros() {
        assertRecordedAs(1_500_000, 1_500);
        assertRecordedAs(1_000, 1);
        assertRecordedAs(999_999_000, 999_999);
        assertRecordedAs(12_345_678, 12_346);
    }

    @Test
    void roundsToTheNearestMicrosecond() {
        stages.record(Stage.DECODE, 1_499);
        assertEquals(1, onlyValue(Stage.DECODE));
        stages.record(Stage.DECODE, 1_500);
        assertEquals(2, onlyValue(Stage.DECODE));
    }

    @Test
    void clampsToTheTrackableRange() {
        assertRecordedAs(0, 1);
        assertRecordedAs(400, 1);
        assertRecordedAs(-5_000, 1);
        assertRecordedAs(120_000_000_000L, StageRecorders.HIGHEST_MICROS);
    }
    @Test
    void clampsEvenTheLargestInput() {
        assertRecordedAs(Long.MAX_VALUE, StageRecorders.HIGHEST_MICROS);
    }

    @Test
    void intervalHistogramSwapsOutWhatWasRecorded() {
        stages.record(Stage.WRITE, 2_000);
        stages.record(Stage.WRITE, 3_000);
        Histogram first = stages.intervalHistogram(Stage.WRITE);
        assertEquals(2, first.getTotalCount());
        assertTrue(first.valuesAreEquivalent(2, first.getMinValue()));
        assertTrue(first.valuesAreEquivalent(3, first.getMaxValue()));
        assertEquals(0, stages.intervalHistogram(Stage.WRITE).getTotalCount(), "the next interval starts empty");
    }

    @Test
    void stagesAreIndependent() {
        stages.record(Stage.TOTAL, 7_000);
        for (Stage s : Stage.values()) {
            assertEquals(s == Stage.TOTAL ? 1 : 0, stages.intervalHistogram(s).getTotalCount(), s.name());
        }
    }

    @Test
    void histogramsCoverOneMicrosecondToSixtySecondsAtThreeDigits() {
        stages.record(Stage.READ, 1);
        Histogram h = stages.intervalHistogram(Stage.READ);
        assertEquals(3, h.getNumberOfSignificantValueDigits());
        assertTrue(h.getHighestTrackableValue() >= 60_000_000L);
        assertEquals(1, h.getLowestDiscernibleValue());
    }

    @Test
    void recordSinceRecordsOneValueFromNow() {
        long start = stages.now();
        assertTrue(start != 0 || System.nanoTime() == 0, "now() reads the clock when enabled");
        stages.recordSince(Stage.PROCESS, start);
        assertTrue(onlyValue(Stage.PROCESS) >= 1);
    }

    @Test
    void enabledInstancesAreIndependent() {
        StageRecorders other = StageRecorders.enabled();
        assertNotSame(stages, other);
        other.record(Stage.ACCEPT, 5_000);
        assertEquals(0, stages.intervalHistogram(Stage.ACCEPT).getTotalCount());
        assertTrue(stages.isEnabled());
    }

    @ParameterizedTest(name = "{0} stripe(s)")
    @ValueSource(ints = {1, 4})
    void concurrentWritersLoseNothingWhileTheReaderDrains(int stripes) throws Exception {
        StageRecorders shared = new StageRecorders(true, stripes, Integer.MAX_VALUE);
        int writers = 8;
        int perWriter = 50_000;
        AtomicBoolean done = new AtomicBoolean();
        long[] drained = new long[1];
        long[] sum = new long[1];
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) drain(shared, drained, sum);
            drain(shared, drained, sum);
        });
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            long value = w + 1;
            Runnable write = () -> {
                for (int i = 0; i < perWriter; i++) shared.record(Stage.READ, value * 1_000);
            };
            // platform and virtual writers, as the thread-pool and virtual-thread models have
            threads.add(w % 2 == 0 ? Thread.ofPlatform().start(write) : Thread.ofVirtual().start(write));
        }
        for (Thread t : threads) t.join();
        done.set(true);
        reader.join();
        assertEquals((long) writers * perWriter, drained[0], "every value recorded reached the reader once");
        assertEquals((long) perWriter * writers * (writers + 1) / 2, sum[0], "with the value it was recorded with");
    }

    @Test
    void aStripeThatNobodyDrainsHandsFurtherValuesToTheOverflowRecorder() {
        StageRecorders undrained = new StageRecorders(true, 1, 10); // as a serve without --stage-log, in miniature
        for (int i = 0; i < 25; i++) undrained.record(Stage.PARSE, 2_000);
        Histogram h = undrained.intervalHistogram(Stage.PARSE);
        assertEquals(25, h.getTotalCount(), "10 in the stripe, 15 beyond its capacity");
        assertEquals(25, h.getCountAtValue(2));
        for (int i = 0; i < 5; i++) undrained.record(Stage.PARSE, 2_000);
        assertEquals(5, undrained.intervalHistogram(Stage.PARSE).getTotalCount(), "once drained, the stripe takes values again");
    }

    @Test
    void anAnsweredRequestRecordsItsFourStagesOnce() {
        stages.recordAnswered(3_000, 5_000, 7_000, 16_000);
        assertEquals(3, onlyValue(Stage.PARSE));
        assertEquals(5, onlyValue(Stage.PROCESS));
        assertEquals(7, onlyValue(Stage.WRITE));
        assertEquals(16, onlyValue(Stage.TOTAL));
        for (Stage s : List.of(Stage.ACCEPT, Stage.QUEUE, Stage.READ, Stage.DECRYPT, Stage.DECODE)) {
            assertEquals(0, stages.intervalHistogram(s).getTotalCount(), s.name());
        }
    }

    @Test
    void anAnsweredRequestBeyondAStripesCapacityGoesWholeToTheOverflow() {
        StageRecorders undrained = new StageRecorders(true, 1, 4);
        undrained.record(Stage.PROCESS, 9_000); // PROCESS fills first: a request must not be split across the two
        for (int i = 0; i < 6; i++) undrained.recordAnswered(1_000, 2_000, 3_000, 6_000);
        assertEquals(6, undrained.intervalHistogram(Stage.PARSE).getTotalCount());
        Histogram process = undrained.intervalHistogram(Stage.PROCESS);
        assertEquals(7, process.getTotalCount(), "each request's process time recorded once, plus the lone one");
        assertEquals(6, process.getCountAtValue(2));
        assertEquals(6, undrained.intervalHistogram(Stage.WRITE).getTotalCount());
        assertEquals(6, undrained.intervalHistogram(Stage.TOTAL).getCountAtValue(6));
    }

    private static void drain(StageRecorders stages, long[] count, long[] sum) {
        Histogram h = stages.intervalHistogram(Stage.READ);
        count[0] += h.getTotalCount();
        for (HistogramIterationValue v : h.recordedValues()) sum[0] += v.getValueIteratedTo() * v.getCountAtValueIteratedTo();
    }

    @Test
    void disabledIsASharedNoOp() {
        StageRecorders off = StageRecorders.disabled();
        assertSame(off, StageRecorders.disabled());
        assertFalse(off.isEnabled());
        assertEquals(0, off.now());
        off.record(Stage.PARSE, 1_500_000);
        off.recordSince(Stage.PARSE, 0);
        off.recordAnswered(1_000, 1_000, 1_000, 3_000);
        for (Stage s : Stage.values()) assertNull(off.intervalHistogram(s));
    }
}

package dev.concurrencybench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.compare.SyntheticResults.Spec;
import dev.concurrencybench.report.results.DriverHealth;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged summary of K repetitions: percentiles of the merged histograms, sums, maxima, validity. */
class RepetitionMergeTest {

    @TempDir
    Path tmp;

    @Test
    void mergesHistogramsNotPercentilesAndKeepsValidityPerRepetition() throws IOException {
        // rep-1 and rep-2 from a quiet spec; rep-3 copied from a 3x slower one: its tail dominates the merged P99
        Path fast = SyntheticResults.write(tmp.resolve("fast"), List.of(Spec.quiet(1)));
        Path slow = SyntheticResults.write(tmp.resolve("slow"), List.of(Spec.quiet(2).scale(3).valid(false)));
        Path cell = fast.resolve("eventloop/plaintext");
        List<Path> reps = List.of(cell.resolve("rep-1"), cell.resolve("rep-2"),
                slow.resolve("eventloop/plaintext/rep-3"));
        Summary merged = RepetitionMerge.merge(reps);
        Summary a = ResultsFolder.summary(reps.get(0).resolve("summary.json"));
        Summary c = ResultsFolder.summary(reps.get(2).resolve("summary.json"));
        assertEquals(3 * 30_000, merged.latency().count());
        assertEquals(90_000, merged.requests().completed());
        assertEquals(45, merged.durationSeconds(), 1e-9);
        assertEquals(2000, merged.achievedRate(), 1e-9);
        double meanOfP99s = (2 * a.latency().p99() + c.latency().p99()) / 3.0;
        assertTrue(merged.latency().p99() > meanOfP99s, "a third of the requests 3x slower pushes the merged "
                + "P99 to the slow repetition's tail: " + merged.latency().p99() + " vs mean " + meanOfP99s);
        assertTrue(merged.latency().p99() <= c.latency().p99());
        assertFalse(merged.valid());
        assertTrue(merged.invalidReasons().get(0).startsWith("rep-3: achieved"), merged.invalidReasons().toString());
        assertEquals(Math.max(a.serverMetrics().peakRssBytes(), c.serverMetrics().peakRssBytes()),
                merged.serverMetrics().peakRssBytes());

        Path log = tmp.resolve("merged.hlog");
        RepetitionMerge.writeMergedLog(reps, log);
        List<IntervalCounts> perRep = ResultsFolder.intervals(log);
        assertEquals(3, perRep.size(), "one corrected interval per repetition");
        assertEquals(90_000, perRep.stream().mapToLong(IntervalCounts::total).sum());
        assertEquals(15_000, perRep.get(0).endMs() - perRep.get(0).startMs(), "spans the repetition's 15 s");
    }

    @Test
    void driverHealthOfRepetitionsIsSummedAndAbsentWhenAnyLacksIt() throws IOException {
        DriverHealth h = new DriverHealth("0", new DriverHealth.CpuTime(10, 20, 30), "1",
                new DriverHealth.CpuTime(1, 2, 3), 100, 1, 2, 3, 4, 5, 6);
        Path cell = SyntheticResults.write(tmp.resolve("h"), List.of(Spec.quiet(1))).resolve("eventloop/plaintext");
        Summary s = ResultsFolder.summary(cell.resolve("rep-1/summary.json")).withDriverHealth(h);
        DriverHealth sum = RepetitionMerge.driverHealth(List.of(s, s));
        assertEquals(new DriverHealth("0", new DriverHealth.CpuTime(20, 40, 60), "1", new DriverHealth.CpuTime(2, 4, 6),
                200, 2, 4, 6, 8, 10, 12), sum);
        assertNull(RepetitionMerge.driverHealth(List.of(s, s.withDriverHealth(null))));
    }
}

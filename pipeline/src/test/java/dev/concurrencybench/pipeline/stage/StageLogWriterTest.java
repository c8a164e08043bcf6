package dev.concurrencybench.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stages.hlog} as HdrHistogram's own reader sees it: one tagged interval per stage per write. */
class StageLogWriterTest {

    @TempDir
    Path dir;

    /** Every interval histogram in the log, grouped by tag in file order. */
    private static Map<String, List<Histogram>> read(Path file) throws FileNotFoundException {
        Map<String, List<Histogram>> byTag = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            byTag.computeIfAbsent(h.getTag(), t -> new ArrayList<>()).add((Histogram) h);
        }
        return byTag;
    }

    @Test
    void writesOneTaggedIntervalPerStageThatHdrHistogramReadsBack() throws IOException {
        StageRecorders stages = StageRecorders.enabled();
        stages.record(Stage.PARSE, 99_000_000); // before the log: must not appear in it
        Path file = dir.resolve("stages.hlog");
        StageLogWriter writer = new StageLogWriter(stages, file);
        stages.record(Stage.PARSE, 1_500_000);
        stages.record(Stage.PARSE, 2_500_000);
        stages.record(Stage.PARSE, 3_500_000);
        stages.record(Stage.DECODE, 42_000);
        writer.writeInterval();
        stages.record(Stage.PARSE, 7_000);
        writer.close(); // writes the last partial interval

        Map<String, List<Histogram>> log = read(file);
        assertEquals(Arrays.stream(Stage.values()).map(Stage::tag).toList(), List.copyOf(log.keySet()),
                "one tag per stage, in stage order");
        for (Map.Entry<String, List<Histogram>> e : log.entrySet()) {
            assertEquals(2, e.getValue().size(), e.getKey() + ": writeInterval() and close() each wrote one");
        }
        List<Histogram> parse = log.get("parse");
        assertEquals(3, parse.get(0).getTotalCount());
        assertTrue(parse.get(0).valuesAreEquivalent(1_500, parse.get(0).getMinValue()), "µs in the log");
        assertTrue(parse.get(0).valuesAreEquivalent(3_500, parse.get(0).getMaxValue()));
        assertEquals(1, parse.get(1).getTotalCount());
        assertTrue(parse.get(1).valuesAreEquivalent(7, parse.get(1).getMaxValue()));
        assertEquals(1, log.get("decode").get(0).getTotalCount());
        assertTrue(log.get("decode").get(0).valuesAreEquivalent(42, log.get("decode").get(0).getMaxValue()));
        assertEquals(0, log.get("decode").get(1).getTotalCount());
        assertEquals(0, log.get("total").get(0).getTotalCount());

        Histogram first = parse.get(0);
        Histogram second = parse.get(1);
        assertTrue(first.getStartTimeStamp() <= first.getEndTimeStamp());
        assertEquals(first.getEndTimeStamp(), second.getStartTimeStamp(), "intervals are contiguous");
        assertTrue(Files.readString(file).contains("microseconds"), "the log states its unit");
    }

    @Test
    void refusesDisabledRecorders() {
        assertThrows(IllegalArgumentException.class,
                () -> new StageLogWriter(StageRecorders.disabled(), dir.resolve("x.hlog")));
    }
}

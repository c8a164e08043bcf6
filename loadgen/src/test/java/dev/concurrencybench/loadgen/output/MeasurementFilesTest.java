package dev.concurrencybench.loadgen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.concurrencybench.loadgen.driver.Interval;
import dev.concurrencybench.report.results.Counts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interval lines MeasurementFiles writes itself read back exactly, and match HdrHistogram's own writer. */
class MeasurementFilesTest {

    @TempDir
    Path dir;

    private static Histogram histogram(String tag, long start, long... values) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        for (long v : values) {
            h.recordValue(v);
        }
        h.setTag(tag);
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(start + 1_000);
        return h;
    }

    @Test
    void intervalsReadBackWithHdrHistogramsReader() throws Exception {
        long now = System.currentTimeMillis();
        List<Histogram[]> written = new java.util.ArrayList<>();
        try (MeasurementFiles files = new MeasurementFiles(dir, null)) {
            for (int i = 0; i < 3; i++) {
                long start = now + 5 + i * 1_000L;
                Histogram[] h = {histogram("corrected", start, 100, 200, 1_234_567 + i),
                        histogram("uncorrected", start, 90, 180), histogram("lag", start, 1, 2, 3 + i)};
                Histogram[] copies = new Histogram[3];
                for (int k = 0; k < 3; k++) {
                    copies[k] = h[k].copy(); // copy() keeps neither tag nor time stamps
                    copies[k].setTag(h[k].getTag());
                    copies[k].setStartTimeStamp(h[k].getStartTimeStamp());
                    copies[k].setEndTimeStamp(h[k].getEndTimeStamp());
                }
                written.add(copies);
                files.onInterval(new Interval(i, (i + 1) * 1_000_000_000L, h[0], h[1], h[2], Map.of(),
                        new Counts(3, 0, 0, 0, 0, 0, 0, 1), false));
            }
        }
        HistogramLogReader reader = new HistogramLogReader(dir.resolve("latency.hlog").toFile());
        for (Histogram[] expected : written) {
            for (Histogram e : expected) {
                Histogram got = (Histogram) reader.nextIntervalHistogram();
                assertEquals(e.getTag(), got.getTag());
                assertEquals(e, got, "same counts");
                // HistogramLogReader rebuilds time stamps as (long) ((base s + offset s) * 1000) in doubles, which
                // truncates to 1 ms below the written value for some epoch values: allow exactly that, nothing more
                assertEquals(e.getStartTimeStamp(), got.getStartTimeStamp(), 1);
                assertEquals(e.getEndTimeStamp(), got.getEndTimeStamp(), 1);
            }
        }
        assertNull(reader.nextIntervalHistogram());
    }

    @Test
    void numericFieldsAreTheSameAsHdrHistogramsWriter() throws Exception {
        Histogram h = histogram("lag", 0, 7, 12_345, 59_999_999);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        HistogramLogWriter w = new HistogramLogWriter(new PrintStream(theirs, true, StandardCharsets.UTF_8));
        long base = System.currentTimeMillis() - 2_500;
        h.setStartTimeStamp(base + 1_234);
        h.setEndTimeStamp(base + 2_234);
        w.setBaseTime(base);
        w.outputIntervalHistogram(h);
        String their = theirs.toString(StandardCharsets.UTF_8).trim();
        try (MeasurementFiles files = new MeasurementFiles(dir, null)) {
            files.onInterval(new Interval(0, 1, h, h, h, Map.of(), new Counts(3, 0, 0, 0, 0, 0, 0, 0), false));
        }
        String ours = Files.readAllLines(dir.resolve("latency.hlog")).stream().filter(l -> l.startsWith("Tag=lag"))
                .findFirst().orElseThrow();
        // the start is relative to each file's own base time; the length and the max must agree to the character
        String[] a = their.split(",");
        String[] b = ours.split(",");
        assertEquals(a[0], b[0]);
        assertEquals(a[2], b[2]);
        assertEquals(a[3], b[3]);
    }
}

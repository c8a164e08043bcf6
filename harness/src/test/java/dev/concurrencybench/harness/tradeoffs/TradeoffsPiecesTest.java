package dev.concurrencybench.harness.tradeoffs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of {@code bench tradeoffs} that need no server: line counts, JMH figures, the table's rendering. */
class TradeoffsPiecesTest {

    @Test
    void codeLinesSkipBlankLinesAndComments() {
        List<String> src = List.of(
                "package a;", "", "/**", " * doc", " */", "// note", "class A { /* inline */", "  int x; // why",
                "  /* one-line block */", "}");
        assertEquals(4, ServerModuleLines.codeLines(src));
    }

    @Test
    void handoffFiguresAreGroupedByModelAndIgnoreOtherBenchmarks() throws Exception {
        Path json = Path.of(getClass().getResource("/tradeoffs/jmh-handoff.json").toURI());
        Map<String, List<String>> f = HandoffFigures.read(json);
        assertEquals(List.of("park/unpark 4,212 ns"), f.get("threadpool"));
        assertEquals(List.of("Selector.wakeup task 1,234 ns"), f.get("eventloop"));
        assertEquals(List.of("1 carrier 1,394 ns"), f.get("virtual"));
        assertFalse(f.containsKey("reactive"), f.toString());
    }

    @Test
    void everyClaimIsQuotedAndAMissingFigureSaysNotMeasured() {
        Path base = Path.of("/tmp/results/x").toAbsolutePath();
        TradeoffsTable t = new TradeoffsTable(base, List.of("threadpool", "eventloop"));
        t.add("CPU parallelism", "threadpool", "100 req/s", base.resolve("run/threadpool/work-cpu"));
        String md = t.markdown("T", List.of("pre"));
        assertTrue(md.contains("| CPU parallelism | threadpool (OS Threads) | \"Yes\" | 100 req/s ([raw](run/threadpool/work-cpu)) |"), md);
        assertTrue(md.contains("| CPU parallelism | eventloop (Event Loop (Node)) | \"No (single thread)\" | not measured"), md);
        assertTrue(md.contains("\"~8MB\""), md);
        assertTrue(md.contains("\"Callback/Promise hell\""), md);
        assertEquals(12, md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Row")).count(), md);
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertEquals("8.0 MiB", TradeoffsRun.bytes(8 * 1024 * 1024));
        assertEquals("2.0 KiB", TradeoffsRun.bytes(2048));
        assertEquals("312 B", TradeoffsRun.bytes(312));
    }
}

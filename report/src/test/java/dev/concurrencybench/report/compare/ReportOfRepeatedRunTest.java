package dev.concurrencybench.report.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.compare.SyntheticResults.Spec;
import dev.concurrencybench.report.markdown.MarkdownReport;
import dev.concurrencybench.report.read.ResultsFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report of a repeated run with an injected delay says both, and its reproduce line carries them. */
class ReportOfRepeatedRunTest {

    @TempDir
    Path tmp;

    @Test
    void repetitionsAndTheInjectedDelayAreInTheReport() throws Exception {
        Path run = SyntheticResults.write(tmp.resolve("run"), List.of(Spec.quiet(1)),
                Map.of("command", "run", "repeat", 3, "injectDelayUs", 40, "servers", List.of("eventloop")));
        RepetitionMerge.writeMergedLog(List.of(run.resolve("eventloop/plaintext/rep-1"),
                run.resolve("eventloop/plaintext/rep-2"), run.resolve("eventloop/plaintext/rep-3")),
                run.resolve("eventloop/plaintext/latency.hlog"));
        String md = MarkdownReport.render(ResultsFolder.read(run), null, null);
        assertTrue(md.contains("INJECTED DELAY") && md.contains("40 µs busy-spin per request"), md);
        assertTrue(md.contains("3 per cell, each a fresh server JVM"), md);
        assertTrue(md.contains("--repeat 3") && md.contains("--inject-delay-us 40"), md);
    }
}

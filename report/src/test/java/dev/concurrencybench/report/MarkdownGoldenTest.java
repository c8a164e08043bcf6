package dev.concurrencybench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.markdown.MarkdownReport;
import dev.concurrencybench.report.read.ResultsFolder;
import dev.concurrencybench.report.read.RunResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * report.md of each checked-in results folder must equal its golden file in {@code src/test/resources/golden/}.
 * After an intended change of the Markdown, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class MarkdownGoldenTest {

    @ParameterizedTest
    @CsvSource({"run,", "sweep,", "load,", "run,baseline"})
    void markdownMatchesTheGoldenFile(String fixture, String baseline) throws Exception {
        RunResults run = ResultsFolder.read(Fixtures.results(fixture));
        RunResults base = baseline == null ? null : ResultsFolder.read(Fixtures.results(baseline));
        String md = MarkdownReport.render(run, base, "report.html");
        String name = fixture + (baseline == null ? "" : "-vs-" + baseline) + ".md";
        Path golden = Path.of("src/test/resources/golden").resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, md, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + " (run once with -Dgolden.update=true)");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), md, "report.md of " + name);
        assertTrue(md.getBytes(StandardCharsets.UTF_8).length < 1 << 20, "report.md must stay under 1 MiB");
    }
}

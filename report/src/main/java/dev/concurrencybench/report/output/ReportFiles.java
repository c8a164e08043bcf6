package dev.concurrencybench.report.output;

import dev.concurrencybench.report.html.HtmlReport;
import dev.concurrencybench.report.markdown.MarkdownReport;
import dev.concurrencybench.report.read.ResultsException;
import dev.concurrencybench.report.read.ResultsFolder;
import dev.concurrencybench.report.read.RunResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes {@code report.html} and {@code report.md} of a results folder. Each file goes to a temporary name first and
 * is renamed into place, so a reader never sees half a report; nothing else in any folder is created or changed.
 * Stateless; concurrent calls on the same output folder race only on the last rename.
 */
public final class ReportFiles {

    /**
     * What was written.
     *
     * @param html     report.html
     * @param markdown report.md
     * @param problems what is missing or damaged in the run (one line each; empty when whole)
     * @param complete run.json says complete
     */
    public record Written(Path html, Path markdown, List<String> problems, boolean complete) {
    }

    private ReportFiles() {
    }

    /**
     * @param runDir      the results folder
     * @param outDir      where the reports go (created when missing); usually {@code runDir}
     * @param baselineDir another results folder to compare with, or null
     * @throws ResultsException a folder cannot be reported on (one line)
     * @throws IOException      the reports cannot be written
     */
    public static Written write(Path runDir, Path outDir, Path baselineDir) throws ResultsException, IOException {
        RunResults run = ResultsFolder.read(runDir);
        RunResults baseline = baselineDir == null ? null : ResultsFolder.read(baselineDir);
        Files.createDirectories(outDir);
        Path html = outDir.resolve("report.html");
        Path md = outDir.resolve("report.md");
        writeAtomically(html, HtmlReport.render(run, baseline, outDir));
        writeAtomically(md, MarkdownReport.render(run, baseline, "report.html"));
        return new Written(html, md, MarkdownReport.problems(run), run.complete());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package dev.concurrencybench.harness.run;

import dev.concurrencybench.report.output.ReportFiles;
import dev.concurrencybench.report.read.ResultsException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The last step of {@code bench run}, {@code sweep} and {@code load}: writes the report of the run that just ended
 * and prints the path of {@code report.html} as the very last line, so {@code tail -n1} finds it. Called on the
 * command's thread after run.json is final.
 */
public final class ClosingReport {

    private ClosingReport() {
    }

    /** A report that cannot be written is one line on stderr; it never changes the command's exit code. */
    public static void write(Path runDir, PrintStream out) {
        try {
            ReportFiles.Written w = ReportFiles.write(runDir, runDir, null);
            out.println("report: " + w.markdown());
            out.println(w.html());
        } catch (ResultsException | IOException | RuntimeException e) {
            System.err.println("bench: could not write the report of " + runDir + ": " + e.getMessage());
        }
        out.flush();
    }
}

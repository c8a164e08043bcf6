package dev.concurrencybench.cli;

import dev.concurrencybench.report.output.ReportFiles;
import dev.concurrencybench.report.read.ResultsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code bench report RUN_DIR}: (re)writes {@code report.html} and {@code report.md} of a results folder written by
 * {@code run}, {@code sweep} or {@code load}. Reads the folder only; writes the two report files and nothing else.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html (self-contained, charts inline) and report.md (tables, for CI) of a "
                + "results folder; prints the path of report.html last.",
                "A folder the run did not finish gets a report that marks what is missing."})
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A results folder, e.g. results/2026-01-01T10-00-00Z-run")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default: RUN_DIR)")
    Path out;

    @Option(names = "--baseline", paramLabel = "RUN_DIR",
            description = "Another results folder: overlaid on the spectra, 'baseline → now' columns in the tables")
    Path baseline;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!Files.isDirectory(runDir)) {
            throw new CommandLine.ParameterException(cl, "RUN_DIR " + runDir + " is not a folder");
        }
        if (baseline != null && !Files.isDirectory(baseline)) {
            throw new CommandLine.ParameterException(cl, "--baseline " + baseline + " is not a folder");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(cl, "--out " + out + " exists and is not a folder");
        }
        try {
            ReportFiles.Written w = ReportFiles.write(runDir, out == null ? runDir : out, baseline);
            for (String p : w.problems()) {
                cl.getErr().println("bench report: missing: " + p);
            }
            cl.getOut().println("markdown: " + w.markdown());
            cl.getOut().println(w.html());
            cl.getOut().flush();
            return 0;
        } catch (ResultsException e) {
            throw new Main.UserError(e.getMessage());
        } catch (IOException e) {
            throw new Main.UserError("cannot write the report: " + e.getMessage());
        }
    }
}

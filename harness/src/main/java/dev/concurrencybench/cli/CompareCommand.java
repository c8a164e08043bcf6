package dev.concurrencybench.cli;

import dev.concurrencybench.report.compare.CompareHtml;
import dev.concurrencybench.report.compare.CompareInputException;
import dev.concurrencybench.report.compare.CompareJson;
import dev.concurrencybench.report.compare.CompareMarkdown;
import dev.concurrencybench.report.compare.CompareSettings;
import dev.concurrencybench.report.compare.Comparison;
import dev.concurrencybench.report.compare.ComparisonResult;
import dev.concurrencybench.report.compare.ConsoleTable;
import dev.concurrencybench.report.compare.GithubAnnotations;
import dev.concurrencybench.report.compare.JunitXml;
import dev.concurrencybench.report.compare.ResultsFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code bench compare BASE CANDIDATE}: a regression verdict per server × scenario × metric, with CI exit codes. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare two results folders (from 'bench run', ideally with --repeat K): for each server×scenario in "
                    + "both and each metric (P50, P99, P99.9 from the merged histograms, achieved rate, CPU "
                    + "µs/request, peak RSS), the ratio candidate/baseline with a 90%% bootstrap interval "
                    + "(repetitions and 1 s interval blocks resampled; fixed seed).",
            "Verdicts: REGRESSION / IMPROVEMENT when the whole interval lies beyond ±δ, NO_CHANGE when it lies "
                    + "inside [1/(1+δ), 1+δ], INCONCLUSIVE otherwise (with the repetitions likely needed), INVALID "
                    + "when either side's measurement is invalid. Default δ: p50 5%%, p99 10%%, p999 20%%, rate 1%%, "
                    + "cpu 5%%, rss 10%%. P99 and validity gate (Holm-corrected); the rest is advisory.",
            "Writes compare.json, compare.md, compare.html (forest plots) and compare-junit.xml (to --out), "
                    + "prints a table, and GitHub annotations when GITHUB_ACTIONS=true."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no gating regression (inconclusive allowed unless --fail-on-inconclusive)",
            "1:a gating metric regressed (outranks 4 and 3)",
            "2:usage or input error (bad flag, missing or corrupt file, nothing in common)",
            "3:a gating metric is inconclusive and --fail-on-inconclusive was given",
            "4:an invalid measurement (either side) or a cell that failed on one side"})
public final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "BASE", split = ",",
            description = "Baseline results folder; several, comma-separated, pool their repetitions (runs "
                    + "interleaved by hand)")
    List<Path> base;

    @Parameters(index = "1", arity = "1", paramLabel = "CANDIDATE", split = ",",
            description = "Candidate results folder(s), likewise")
    List<Path> candidate;

    @Option(names = "--delta", split = ",", paramLabel = "METRIC=PCT",
            description = "Tolerance per metric in percent, e.g. p99=15,rss=20 (metrics: p50 p99 p999 rate cpu rss)")
    Map<String, String> deltas;

    @Option(names = "--gating", paramLabel = "LIST",
            description = "Metrics that fail the build, comma-separated, or 'none' (default: p99; validity always gates)")
    String gating;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file: 'delta.p99 = 10%%', 'gating = p99, p999', 'seed = 42', 'resamples = 4000' "
                    + "(flags override it)")
    Path config;

    @Option(names = "--seed", description = "Bootstrap seed (default: " + CompareSettings.DEFAULT_SEED + ")")
    Long seed;

    @Option(names = "--resamples", description = "Bootstrap resamples per cell, >= " + CompareSettings.MIN_RESAMPLES
            + " (default: " + CompareSettings.MIN_RESAMPLES + ")")
    Integer resamples;

    @Option(names = "--driver", defaultValue = "precise",
            description = "Whose files to compare: precise (default) or gatling (the cells' gatling/ subfolders)")
    String driver;

    @Option(names = "--fail-on-inconclusive", description = "Exit 3 when a gating metric is inconclusive")
    boolean failOnInconclusive;

    @Option(names = "--out", paramLabel = "DIR", description = "Where compare.json/.md and the JUnit XML go "
            + "(default: CANDIDATE/compare)")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "JUnit XML file (default: <out>/compare-junit.xml)")
    Path junit;

    @Option(names = "--annotations", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "GitHub ::error/::warning lines (at most 10): auto prints them when GITHUB_ACTIONS=true")
    String annotations;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        CompareSettings settings = settings(cl);
        if (!annotations.equals("auto") && !annotations.equals("always") && !annotations.equals("never")) {
            throw new CommandLine.ParameterException(cl, "--annotations must be auto, always or never");
        }
        PrintWriter o = cl.getOut();
        ResultsFolder b;
        ResultsFolder c;
        ComparisonResult r;
        try {
            b = ResultsFolder.load(base, settings.driver());
            c = ResultsFolder.load(candidate, settings.driver());
            o.println("bench compare: baseline " + names(base) + " (" + b.cells().size() + " cells), candidate "
                    + names(candidate) + " (" + c.cells().size() + " cells); " + settings.resamples()
                    + " resamples per cell...");
            o.flush();
            r = Comparison.run(b, c, settings);
        } catch (CompareInputException e) {
            throw new Main.UserError(e.getMessage());
        } catch (RuntimeException e) {
            // a case the reader did not foresee: still one line and exit 2, never a stack trace in a CI log
            throw new Main.UserError("cannot compare " + names(base) + " with " + names(candidate) + ": " + e);
        }
        int exit = r.exitCode(failOnInconclusive);
        ConsoleTable.print(o, r);
        Path dir = out != null ? out : candidate.get(0).resolve("compare");
        Path junitFile = junit != null ? junit : dir.resolve("compare-junit.xml");
        try {
            CompareJson.write(dir.resolve("compare.json"), r, b, c, exit);
            write(dir.resolve("compare.md"), CompareMarkdown.render(r, exit));
            write(dir.resolve("compare.html"), CompareHtml.render(r, exit));
            write(junitFile, JunitXml.render(r));
        } catch (IOException e) {
            throw new Main.UserError("cannot write the comparison to " + dir + ": " + e.getMessage());
        }
        boolean github = annotations.equals("always")
                || (annotations.equals("auto") && "true".equals(System.getenv("GITHUB_ACTIONS")));
        if (github) {
            GithubAnnotations.lines(r).forEach(o::println);
        }
        o.println("outcome: " + CompareJson.outcome(exit) + " (exit " + exit + "); wrote " + dir.resolve("compare.json")
                + ", compare.md, compare.html, " + junitFile);
        o.flush();
        return exit;
    }

    private CompareSettings settings(CommandLine cl) {
        try {
            CompareSettings s = CompareSettings.defaults();
            if (config != null) {
                s = s.withFile(config);
            }
            if (deltas != null) {
                for (var e : deltas.entrySet()) {
                    s = s.withDelta(CompareSettings.metric(e.getKey()), CompareSettings.percent(e.getValue()));
                }
            }
            if (gating != null) {
                s = s.withGating(CompareSettings.metrics(gating));
            }
            if (seed != null) {
                s = s.withSeed(seed);
            }
            if (resamples != null) {
                s = s.withResamples(resamples);
            }
            return s.withDriver(driver);
        } catch (CompareInputException e) {
            throw new Main.UserError(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    private static String names(List<Path> dirs) {
        return dirs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(","));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

}

package dev.concurrencybench.report.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code bench compare} concluded. Immutable.
 *
 * @param base        the baseline results folder
 * @param candidate   the candidate results folder
 * @param settings    how it was judged
 * @param warnings    differences of machine, JDK or run settings between the two runs, and runs not complete
 * @param notCompared cells present on one side only, failed on one side, or run at different rates, each with why
 * @param cells       the compared cells
 */
public record ComparisonResult(Path base, Path candidate, CompareSettings settings, List<String> warnings,
                               List<String> notCompared, List<CellResult> cells) {

    /** No gating regression (and nothing below applies). */
    public static final int EXIT_OK = 0;
    /** A gating metric regressed. */
    public static final int EXIT_REGRESSION = 1;
    /** Usage or input error (set by the command line, never by a result). */
    public static final int EXIT_INPUT = 2;
    /** A gating metric is inconclusive and {@code --fail-on-inconclusive} was given. */
    public static final int EXIT_INCONCLUSIVE = 3;
    /** A compared cell is an invalid measurement on either side, or failed on one side. */
    public static final int EXIT_INVALID = 4;

    public ComparisonResult {
        warnings = List.copyOf(warnings);
        notCompared = List.copyOf(notCompared);
        cells = List.copyOf(cells);
    }

    /**
     * The exit code, by precedence: 1 (a gating regression: a real finding outranks everything), 4 (an invalid
     * measurement: validity always gates), 3 (a gating metric inconclusive, only when asked), 0.
     */
    public int exitCode(boolean failOnInconclusive) {
        if (count(Verdict.REGRESSION, true) > 0) {
            return EXIT_REGRESSION;
        }
        if (cells.stream().anyMatch(c -> !c.valid()) || notCompared.stream().anyMatch(n -> n.contains(FAILED_MARK))) {
            return EXIT_INVALID;
        }
        if (failOnInconclusive && count(Verdict.INCONCLUSIVE, true) > 0) {
            return EXIT_INCONCLUSIVE;
        }
        return EXIT_OK;
    }

    /** Marks a not-compared entry whose cell failed on one side (error.txt) while the other side measured it. */
    static final String FAILED_MARK = "failed on one side";

    /** Metric results with this verdict; only gating ones when {@code gatingOnly}. */
    public long count(Verdict v, boolean gatingOnly) {
        return cells.stream().flatMap(c -> c.metrics().stream())
                .filter(m -> m.verdict() == v && (!gatingOnly || m.gating())).count();
    }
}

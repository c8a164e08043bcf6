package dev.concurrencybench.report.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error ::…}, {@code ::warning ::…}) for the findings that matter, most
 * important first: gating regressions and invalid measurements as errors; advisory regressions, inconclusive
 * gating metrics and run differences as warnings. At most {@value #MAX_LINES} lines (GitHub shows only a few per
 * step anyway); the last says how many more there were.
 */
public final class GithubAnnotations {

    /** Annotation lines at most. */
    public static final int MAX_LINES = 10;

    private GithubAnnotations() {
    }

    public static List<String> lines(ComparisonResult r) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (CellResult c : r.cells()) {
            if (!c.valid()) {
                errors.add(c.key() + ": invalid measurement: " + String.join("; ", c.invalidReasons()));
                continue;
            }
            for (MetricResult m : c.metrics()) {
                if (m.verdict() == Verdict.REGRESSION) {
                    (m.gating() ? errors : warnings).add(ChangeFormat.line(c, m));
                } else if (m.verdict() == Verdict.INCONCLUSIVE && m.gating()) {
                    warnings.add(ChangeFormat.line(c, m));
                }
            }
        }
        for (String n : r.notCompared()) {
            (n.contains(ComparisonResult.FAILED_MARK) ? errors : warnings).add("not compared: " + n);
        }
        r.warnings().forEach(w -> warnings.add(w));
        List<String> out = new ArrayList<>();
        int total = errors.size() + warnings.size();
        for (String e : errors) {
            out.add("::error title=bench compare::" + escape(e));
        }
        for (String w : warnings) {
            out.add("::warning title=bench compare::" + escape(w));
        }
        if (total > MAX_LINES) {
            List<String> cut = new ArrayList<>(out.subList(0, MAX_LINES - 1));
            cut.add("::warning title=bench compare::" + (total - MAX_LINES + 1) + " more findings: see compare.md");
            return cut;
        }
        return out;
    }

    /** Workflow-command data escaping: %, CR and LF. */
    static String escape(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }
}

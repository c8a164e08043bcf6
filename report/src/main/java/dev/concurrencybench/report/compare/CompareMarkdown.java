package dev.concurrencybench.report.compare;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code compare.md}: the comparison as GitHub-flavoured Markdown, for {@code $GITHUB_STEP_SUMMARY} or a pull
 * request comment. ▲ marks a value that went up, ▼ one that went down (whether that is bad depends on the metric;
 * the verdict column says). GitHub refuses step summaries over 1 MiB, so rows stop at {@link #MAX_BYTES} with a
 * line saying how many were left out (compare.json has them all).
 */
public final class CompareMarkdown {

    /** Kept under GitHub's 1 MiB step-summary limit with room for the closing lines. */
    static final int MAX_BYTES = 1_000_000;

    private CompareMarkdown() {
    }

    public static String render(ComparisonResult r, int exitCode) {
        StringBuilder b = new StringBuilder();
        b.append("## bench compare: ").append(headline(exitCode)).append("\n\n");
        b.append("Baseline `").append(r.base()).append("` → candidate `").append(r.candidate()).append("`. ");
        String gating = r.settings().gating().stream().map(Metric::label).collect(Collectors.joining(", "));
        b.append("Gating: ").append(gating.isEmpty() ? "" : gating + " (Holm-corrected) and ").append("validity; ")
                .append("the other metrics are advisory. Ratio candidate/baseline with a 90 % bootstrap interval ")
                .append("(repetitions and 1 s interval blocks resampled, ").append(r.settings().resamples())
                .append(" resamples, seed ").append(r.settings().seed()).append(").\n\n");
        for (String w : r.warnings()) {
            b.append("> ⚠️ ").append(escape(w)).append("\n");
        }
        if (!r.warnings().isEmpty()) {
            b.append("\n");
        }
        b.append("| server | scenario | metric | baseline | candidate | change | 90 % interval | δ | verdict |\n");
        b.append("|---|---|---|---:|---:|---:|---|---:|---|\n");
        int rows = 0;
        int total = r.cells().stream().mapToInt(c -> c.metrics().size()).sum();
        outer:
        for (CellResult c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                String row = row(c, m);
                if (b.length() * 3L + row.length() * 3L > MAX_BYTES) { // ≤ 3 UTF-8 bytes per char here
                    break outer;
                }
                b.append(row);
                rows++;
            }
        }
        if (rows < total) {
            b.append("\n_").append(total - rows).append(" more rows left out to stay under 1 MiB: see compare.json._\n");
        }
        List<CellResult> invalid = r.cells().stream().filter(c -> !c.valid()).toList();
        if (!invalid.isEmpty()) {
            b.append("\n**Invalid measurements** (no verdict drawn):\n\n");
            for (CellResult c : invalid) {
                b.append("- `").append(c.key()).append("`: ").append(escape(String.join("; ", c.invalidReasons())))
                        .append("\n");
            }
        }
        if (!r.notCompared().isEmpty()) {
            b.append("\n**Not compared:**\n\n");
            for (String n : r.notCompared()) {
                b.append("- ").append(escape(n)).append("\n");
            }
        }
        b.append("\nVerdicts: REGRESSION / IMPROVEMENT when the interval lies wholly beyond δ, NO_CHANGE when it lies ")
                .append("inside ±δ, INCONCLUSIVE otherwise (with the repetitions per side likely needed).\n");
        return b.toString();
    }

    private static String row(CellResult c, MetricResult m) {
        String label = m.gating() ? "**" + m.metric().label() + "**" : m.metric().label();
        String mark = m.ratio() > 1 ? "▲ " : m.ratio() < 1 ? "▼ " : "";
        String verdict = switch (m.verdict()) {
            case REGRESSION -> m.gating() ? "❌ REGRESSION" : "⚠️ REGRESSION (advisory)";
            case IMPROVEMENT -> "✅ IMPROVEMENT";
            case NO_CHANGE -> "NO_CHANGE";
            case INCONCLUSIVE -> "❔ INCONCLUSIVE" + (m.repetitionsNeeded() == null ? ""
                    : " (~" + m.repetitionsNeeded() + " reps/side)");
            case INVALID -> "🚫 INVALID";
        };
        if (m.note() != null && m.verdict() != Verdict.INVALID) {
            verdict += "<br><sub>" + escape(m.note()) + "</sub>";
        }
        String unit = " " + m.metric().unit();
        return "| " + c.server() + " | " + c.scenario() + " | " + label + " | "
                + ChangeFormat.value(m.metric(), m.base()) + unit + " | "
                + ChangeFormat.value(m.metric(), m.candidate()) + unit + " | "
                + (Double.isFinite(m.ratio()) ? mark + ChangeFormat.change(m.ratio()) : "-") + " | "
                + ChangeFormat.interval(m.ciLow(), m.ciHigh()) + " | " + ChangeFormat.delta(m.delta()) + " | "
                + verdict + " |\n";
    }

    private static String headline(int exitCode) {
        return switch (exitCode) {
            case ComparisonResult.EXIT_OK -> "✅ no gating regression";
            case ComparisonResult.EXIT_REGRESSION -> "❌ gating regression";
            case ComparisonResult.EXIT_INCONCLUSIVE -> "❔ inconclusive (run more repetitions)";
            case ComparisonResult.EXIT_INVALID -> "🚫 invalid measurement";
            default -> "error";
        };
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }
}

package dev.concurrencybench.report.compare;

import java.util.Locale;

/**
 * The comparison as a JUnit XML report, which CI test reporters already read: one {@code testcase} per cell ×
 * metric (classname {@code bench.compare.<server>.<scenario>}, name the metric). A gating regression is a
 * {@code failure}, an inconclusive verdict {@code skipped}, an invalid measurement an {@code error}; an advisory
 * regression passes with the finding in {@code system-out}, so the report fails exactly when the exit code does.
 */
public final class JunitXml {

    private JunitXml() {
    }

    public static String render(ComparisonResult r) {
        int tests = 0, failures = 0, skipped = 0, errors = 0;
        StringBuilder cases = new StringBuilder();
        for (CellResult c : r.cells()) {
            for (MetricResult m : c.metrics()) {
                tests++;
                String classname = "bench.compare." + c.server() + "." + c.scenario()
                        + (c.key().contains("/rate-") ? "." + c.key().substring(c.key().lastIndexOf('/') + 1) : "");
                cases.append("    <testcase classname=\"").append(attr(classname)).append("\" name=\"")
                        .append(attr(m.metric().label() + (m.gating() ? "" : " (advisory)"))).append("\" time=\"0\"");
                String line = ChangeFormat.line(c, m);
                if (m.verdict() == Verdict.REGRESSION && m.gating()) {
                    failures++;
                    cases.append(">\n      <failure message=\"").append(attr(line)).append("\" type=\"REGRESSION\"/>\n")
                            .append("    </testcase>\n");
                } else if (m.verdict() == Verdict.INCONCLUSIVE) {
                    skipped++;
                    cases.append(">\n      <skipped message=\"").append(attr(line)).append("\"/>\n    </testcase>\n");
                } else if (m.verdict() == Verdict.INVALID) {
                    errors++;
                    cases.append(">\n      <error message=\"").append(attr(line)).append("\" type=\"INVALID\"/>\n")
                            .append("    </testcase>\n");
                } else {
                    cases.append(">\n      <system-out>").append(text(line)).append("</system-out>\n    </testcase>\n");
                }
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT, "<testsuites name=\"bench compare\" tests=\"%d\" failures=\"%d\" "
                + "errors=\"%d\" skipped=\"%d\">%n", tests, failures, errors, skipped)
                + String.format(Locale.ROOT, "  <testsuite name=\"bench compare\" tests=\"%d\" failures=\"%d\" "
                + "errors=\"%d\" skipped=\"%d\">%n", tests, failures, errors, skipped)
                + cases + "  </testsuite>\n</testsuites>\n";
    }

    private static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(ch < 0x20 && ch != '\n' && ch != '\t' ? ' ' : ch);
            }
        }
        return b.toString();
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }
}

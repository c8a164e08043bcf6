package dev.concurrencybench.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The size and count limits of the CI outputs hold however many cells regress. */
class OutputsTest {

    private static ComparisonResult manyRegressions(int cells) {
        List<CellResult> out = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            List<MetricResult> metrics = new ArrayList<>();
            for (Metric m : Metric.values()) {
                metrics.add(new MetricResult(m, m == Metric.P99, 0.1, 100, 150, 1.5, 1.4, 1.6, 0.0005, 0.0005,
                        Verdict.REGRESSION, null, null));
            }
            out.add(new CellResult("server" + i + "/scenario-with-a-long-name-" + i, "server" + i,
                    "scenario-with-a-long-name-" + i, 1000, 3, 3, 90_000, 90_000, List.of(), metrics));
        }
        return new ComparisonResult(Path.of("base"), Path.of("cand"), CompareSettings.defaults(),
                List.of("different machine or JDK: jdk is A in the baseline, B in the candidate"), List.of(), out);
    }

    @Test
    void markdownStaysUnderOneMebibyteAndSaysWhatItLeftOut() {
        ComparisonResult r = manyRegressions(5000);
        String md = CompareMarkdown.render(r, r.exitCode(false));
        assertTrue(md.getBytes(StandardCharsets.UTF_8).length < 1 << 20, "bytes: " + md.length());
        assertTrue(md.contains("more rows left out to stay under 1 MiB"), md.substring(md.length() - 500));
        assertTrue(md.contains("| ▲ +50.0% | [+40.0%, +60.0%] | ±10% | ❌ REGRESSION |"), md.substring(0, 2000));
    }

    @Test
    void atMostTenAnnotationsWithTheGatingErrorsFirst() {
        List<String> lines = GithubAnnotations.lines(manyRegressions(20));
        assertEquals(GithubAnnotations.MAX_LINES, lines.size());
        assertTrue(lines.get(0).startsWith("::error title=bench compare::server0/"), lines.get(0));
        assertTrue(lines.get(9).contains("more findings: see compare.md"), lines.get(9));
        assertTrue(lines.stream().noneMatch(l -> l.indexOf('\n') >= 0));
        assertTrue(lines.get(0).contains("+50.0%25"), "percent signs escaped for workflow commands: " + lines.get(0));
    }

    @Test
    void junitCountsFailuresOnlyForGatingRegressions() {
        String xml = JunitXml.render(manyRegressions(2));
        assertTrue(xml.contains("tests=\"12\" failures=\"2\" errors=\"0\" skipped=\"0\""), xml);
    }

    @Test
    void theForestPlotShadesTheBandAndColoursEachEntryByVerdict() throws Exception {
        ComparisonResult r = manyRegressions(3);
        String svg = ForestPlot.svg(r, Metric.P99);
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        var circles = doc.getElementsByTagName("circle");
        int red = 0;
        for (int i = 0; i < circles.getLength(); i++) {
            if (ForestPlot.colour(Verdict.REGRESSION).equals(((org.w3c.dom.Element) circles.item(i)).getAttribute("fill"))) {
                red++;
            }
        }
        assertEquals(3 + 1, red, "one red dot per regressed cell, plus the legend's");
        assertTrue(svg.contains("<g data-series=\"band\">"), svg);
        assertTrue(svg.contains("P99 (gating)"), svg);
        String html = CompareHtml.render(r, r.exitCode(false));
        assertTrue(html.indexOf("P99 (gating)") < html.indexOf("P50 (advisory)"), "gating metrics first");
        assertTrue(!html.contains("<script") && !html.contains("http"), "self-contained");
    }
}

package dev.concurrencybench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.report.output.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opens report.html in a real headless Chromium (Debian's {@code chromium}; {@code .ci/run} and {@code bench test}
 * install it when missing): no console error, every chart displayed with a non-zero size, and a PNG of the whole
 * page under {@code target/} for a human to look at.
 */
class BrowserRenderTest {

    @Test
    void chromiumIsInstalled() {
        assertTrue(Files.isExecutable(HeadlessChromium.binary()), HeadlessChromium.binary()
                + " not found: install Debian's chromium (apt-get install chromium), or pass -Dreport.chromium=PATH");
    }

    @ParameterizedTest
    @CsvSource({"run,baseline", "sweep,", "load,"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyChartRendersWithoutConsoleErrors(String fixture, String baseline) throws Exception {
        Path out = Files.createDirectories(Path.of("target/browser").resolve(fixture));
        Path html = ReportFiles.write(Fixtures.results(fixture), out,
                baseline == null ? null : Fixtures.results(baseline)).html().toAbsolutePath();
        int expected = count(Files.readString(html), "<svg class=\"chart\"");
        assertTrue(expected > 0);
        Path profile = Files.createTempDirectory(out.toAbsolutePath(), "chromium-profile-");
        try (HeadlessChromium chromium = new HeadlessChromium(profile)) {
            chromium.open(html);
            JsonNode charts = chromium.evaluate("JSON.parse(JSON.stringify([...document.querySelectorAll('svg.chart')]"
                    + ".map(s => { const r = s.getBoundingClientRect(); const c = getComputedStyle(s);"
                    + " return {chart: s.dataset.chart, w: r.width, h: r.height, display: c.display,"
                    + " visibility: c.visibility, series: s.querySelectorAll('g[data-series]').length}; })))");
            assertEquals(expected, charts.size(), "charts in the DOM");
            for (JsonNode c : charts) {
                assertTrue(c.path("w").asDouble() > 0 && c.path("h").asDouble() > 0, "zero-size chart " + c);
                assertEquals("visible", c.path("visibility").asText(), c.toString());
                assertTrue(!c.path("display").asText().equals("none"), c.toString());
                assertTrue(c.path("series").asInt() > 0, "chart without series " + c);
            }
            Path png = Path.of("target").resolve("report-" + fixture + ".png");
            Files.write(png, chromium.screenshot());
            assertTrue(Files.size(png) > 10_000, "screenshot " + png);
            assertEquals(java.util.List.of(), chromium.errors(), "console errors");
        }
    }

    /** The check above can fail: a page with a console error and a script error is caught. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void consoleErrorsAreCaught() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/browser/planted"));
        Path page = dir.resolve("planted.html").toAbsolutePath();
        Files.writeString(page, "<!DOCTYPE html><html><body><p>x</p><script>console.error('planted');"
                + "undefinedFunction();</script></body></html>");
        try (HeadlessChromium chromium = new HeadlessChromium(Files.createTempDirectory(dir.toAbsolutePath(), "p-"))) {
            chromium.open(page);
            java.util.List<String> errors = chromium.errors();
            assertTrue(errors.stream().anyMatch(e -> e.contains("planted")), errors.toString());
            assertTrue(errors.stream().anyMatch(e -> e.contains("undefinedFunction")), errors.toString());
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

package dev.concurrencybench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.html.HtmlReport;
import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.ResultsFolder;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.svg.Palette;
import dev.concurrencybench.report.svg.SpectrumChart;
import dev.concurrencybench.report.svg.StageChart;
import dev.concurrencybench.report.svg.SweepChart;
import dev.concurrencybench.report.svg.TimelineChart;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every chart is well-formed XML on its own and carries the series it should, named by {@code data-series}. */
class SvgChartsTest {

    private final Palette palette = new Palette(List.of("eventloop", "reactive"));

    @Test
    void spectrumHasCorrectedAndUncorrectedPerServerAndTheBaselineOverlay() throws Exception {
        RunResults run = ResultsFolder.read(Fixtures.results("run"));
        RunResults base = ResultsFolder.read(Fixtures.results("baseline"));
        Document svg = parse(SpectrumChart.render("plaintext", run.measurements("plaintext"),
                base.measurements("plaintext"), palette));
        assertEquals("spectrum", svg.getDocumentElement().getAttribute("data-chart"));
        List<String> series = series(svg);
        assertTrue(series.containsAll(List.of("eventloop corrected", "eventloop uncorrected", "reactive corrected",
                "reactive uncorrected", "eventloop baseline", "reactive baseline")), series.toString());
        assertTrue(text(svg).contains("99.9%"), "x axis names the nines");
        // reactive/plaintext is invalid in the fixture: it must say so on the chart, in red
        assertTrue(text(svg).contains("✗ invalid"));
        assertTrue(html(svg).contains(Palette.INVALID));
    }

    @Test
    void everyCellGetsATimelineWithLatencyAndRateSeries() throws Exception {
        RunResults run = ResultsFolder.read(Fixtures.results("run"));
        for (Cell c : run.cells()) {
            Document svg = parse(TimelineChart.render(c, palette));
            assertEquals(List.of("axis x", "axis y", "axis y2", "interval p99", "interval max", "achieved rate",
                    "target rate"), series(svg).stream().filter(s -> !s.equals("legend")).toList());
            assertTrue(text(svg).contains("rate (req/s)"), "second axis is labelled with its unit");
        }
    }

    @Test
    void stageChartNamesWhatAModelCannotObserveInsteadOfDrawingZero() throws Exception {
        RunResults run = ResultsFolder.read(Fixtures.results("run"));
        Document svg = parse(StageChart.render("json", run.measurements("json"), palette));
        assertTrue(series(svg).containsAll(List.of("eventloop", "reactive")));
        assertTrue(text(svg).contains("not observable in this model:"));
        Cell reactive = run.measurements("json").stream().filter(c -> c.server().equals("reactive")).findFirst()
                .orElseThrow();
        assertFalse(reactive.stages().stage("read").present());
        assertTrue(reactive.stages().stage("read").notObservable());
        assertTrue(reactive.stages().stage("write").present());
    }

    @Test
    void sweepChartHasACurvePerServerTheSloAndTheKnee() throws Exception {
        RunResults run = ResultsFolder.read(Fixtures.results("sweep"));
        Map<String, List<Cell>> steps = new LinkedHashMap<>();
        steps.put("eventloop", run.steps("eventloop", "plaintext"));
        assertEquals(2, steps.get("eventloop").size());
        Document svg = parse(SweepChart.render("plaintext", steps, run.sloMicros(), palette));
        assertTrue(series(svg).containsAll(List.of("slo", "eventloop")));
        assertTrue(text(svg).contains("knee eventloop: 600 req/s"), text(svg));
    }

    @Test
    void everySvgInTheHtmlReportIsWellFormedAndNamedByKind() throws Exception {
        RunResults run = ResultsFolder.read(Fixtures.results("run"));
        String html = HtmlReport.render(run, null, Path.of("."));
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        List<String> kinds = new ArrayList<>();
        while (m.find()) {
            kinds.add(parse(m.group()).getDocumentElement().getAttribute("data-chart"));
        }
        // 2 scenarios × (spectrum, bars, stages, 2 timelines) + 4 cost charts
        assertEquals(14, kinds.size(), kinds.toString());
        assertTrue(kinds.containsAll(List.of("spectrum", "percentiles", "stages", "timeline", "cost")));
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<String> series(Document d) {
        List<String> out = new ArrayList<>();
        NodeList gs = d.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            String s = ((Element) gs.item(i)).getAttribute("data-series");
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static String text(Document d) {
        return d.getDocumentElement().getTextContent();
    }

    static String html(Document d) throws Exception {
        var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        var w = new java.io.StringWriter();
        t.transform(new javax.xml.transform.dom.DOMSource(d), new javax.xml.transform.stream.StreamResult(w));
        return w.toString();
    }
}

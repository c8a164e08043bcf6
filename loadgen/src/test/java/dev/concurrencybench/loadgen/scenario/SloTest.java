package dev.concurrencybench.loadgen.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.SloVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code slo} block: parsed and validated with the file, judged alike for both drivers. */
class SloTest {

    @TempDir
    Path dir;

    private static final String HEAD = "{\"description\": \"d\", \"requests\": [{\"path\": \"/plaintext\"}]";

    @Test
    void sloBlockIsParsed() throws Exception {
        Path f = Files.writeString(dir.resolve("s.json"), HEAD + ", \"slo\": {\"p99Millis\": 5, \"maxErrorPercent\": 0.1}}");
        Slo slo = ScenarioCatalog.parse(f).slo();
        assertEquals(5.0, slo.p99Millis());
        assertEquals(0.1, slo.maxErrorPercent());
        assertNull(ScenarioCatalog.parse(Files.writeString(dir.resolve("n.json"), HEAD + "}")).slo());
    }

    @Test
    void badSloIsReportedWithTheFile() throws Exception {
        for (String bad : new String[] {"{}", "{\"p99Millis\": 0}", "{\"maxErrorPercent\": -1}", "{\"p50Millis\": 3}"}) {
            Path f = Files.writeString(dir.resolve("b.json"), HEAD + ", \"slo\": " + bad + "}");
            String msg = assertThrows(ScenarioException.class, () -> ScenarioCatalog.parse(f)).getMessage();
            assertTrue(msg.startsWith(f.toString()) && msg.contains("slo") || msg.contains("p50Millis"), msg);
        }
    }

    @Test
    void verdictHoldsAtTheBoundAndFailsPastIt() {
        Counts thousandOneError = new Counts(999, 1, 0, 0, 0, 0, 0, 0);
        Percentiles p99AtFiveMs = new Percentiles(1000, 100, 200, 5000, 6000, 7000, 8000, 150);
        SloVerdict ok = SloVerdict.judge(5.0, 0.1, p99AtFiveMs, thousandOneError);
        assertTrue(ok.passed(), ok.toString());
        assertEquals(0.1, ok.measuredErrorPercent());

        Percentiles p99Over = new Percentiles(1000, 100, 200, 5001, 6000, 7000, 8000, 150);
        SloVerdict slow = SloVerdict.judge(5.0, null, p99Over, thousandOneError);
        assertFalse(slow.passed());
        assertEquals(1, slow.failures().size());

        SloVerdict errors = SloVerdict.judge(null, 0.05, p99Over, thousandOneError);
        assertFalse(errors.passed());
        assertTrue(errors.failures().get(0).startsWith("errors 0.100 %"), errors.failures().toString());
    }
}

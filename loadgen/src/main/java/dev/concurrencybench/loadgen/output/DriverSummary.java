package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns what a driver measured into the {@code summary.json} record of the results model, judged by {@link Validity}. */
public final class DriverSummary {

    private DriverSummary() {
    }

    /** Builds the summary of a driver result; {@code metrics} is null when the server is not ours. */
    public static Summary of(String server, String scenario, DriverResult r, ServerMetrics metrics) {
        Map<String, Percentiles> classes = new LinkedHashMap<>();
        r.correctedByClass().forEach((k, h) -> classes.put(k, Percentiles.of(h)));
        List<String> reasons = Validity.reasons(r);
        return new Summary(server, scenario, "precise", 1, r.config().mode().name().toLowerCase(Locale.ROOT),
                r.config().ratePerSecond(), Math.round(r.achievedRate() * 10) / 10.0,
                r.measuredNanos() / 1e9, r.config().connections(), Percentiles.of(r.corrected()),
                Percentiles.of(r.uncorrected()), Percentiles.of(r.lag()), classes, r.counts(), r.counts().errors(),
                metrics, reasons.isEmpty(), reasons, r.firstErrors());
    }
}

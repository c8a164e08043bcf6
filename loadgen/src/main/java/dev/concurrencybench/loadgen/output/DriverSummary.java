package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.report.results.DriverHealth;
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
        return of(server, scenario, r, metrics, null);
    }

    /**
     * Builds the summary of a driver result with the driver's health over the window ({@code driverHealth} in
     * {@code summary.json}, and in the generator-lag reason); {@code health} may be null.
     */
    public static Summary of(String server, String scenario, DriverResult r, ServerMetrics metrics,
                             DriverHealth health) {
        Map<String, Percentiles> classes = new LinkedHashMap<>();
        r.correctedByClass().forEach((k, h) -> classes.put(k, Percentiles.of(h)));
        List<String> reasons = Validity.reasons(r, health);
        return new Summary(server, scenario, "precise", 1, r.config().mode().name().toLowerCase(Locale.ROOT),
                r.config().ratePerSecond(), Math.round(r.achievedRate() * 10) / 10.0,
                r.measuredNanos() / 1e9, r.config().connections(), Percentiles.of(r.corrected()),
                Percentiles.of(r.uncorrected()), Percentiles.of(r.lag()), classes, r.counts(), r.counts().errors(),
                metrics, reasons.isEmpty(), reasons, r.firstErrors()).withDriverHealth(health);
    }
}

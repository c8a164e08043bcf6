package dev.concurrencybench.loadgen.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.concurrencybench.report.results.SloVerdict;
import dev.concurrencybench.report.results.Summary;

/**
 * A scenario's optional service-level objective, e.g. {@code "slo": {"p99Millis": 5, "maxErrorPercent": 0.1}}.
 * Judged the same way for both drivers over the measurement window (warm-up excluded): P99 of the driver's
 * latency histogram at most {@code p99Millis}, and failed requests at most {@code maxErrorPercent} of all
 * requests. On Gatling runs it also becomes Gatling assertions (shown in Gatling's own report). Immutable.
 *
 * @param p99Millis       upper bound on P99 latency, ms, &gt; 0, or null for none
 * @param maxErrorPercent upper bound on failed requests, percent (0.1 = one in a thousand), &ge; 0, or null
 */
public record Slo(@JsonProperty("p99Millis") Double p99Millis,
                  @JsonProperty("maxErrorPercent") Double maxErrorPercent) {

    /** The summary with this SLO judged on its latency and counts; {@code slo} may be null (summary unchanged). */
    public static Summary judge(Slo slo, Summary summary) {
        if (slo == null) {
            return summary;
        }
        return summary.withSlo(SloVerdict.judge(slo.p99Millis(), slo.maxErrorPercent(), summary.latency(),
                summary.requests()));
    }
}

package dev.concurrencybench.report.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} of one server×scenario. Latencies in microseconds.
 *
 * @param server             server id (or {@code external} for {@code bench load})
 * @param scenario           scenario name
 * @param driver             which driver measured: {@code precise} (µs, from intended send times) or
 *                           {@code gatling} (whole ms, from actual send times)
 * @param resolutionMicros   the driver's timing resolution, µs (1 for precise, 1000 for Gatling)
 * @param mode               driver mode
 * @param targetRate         requests per second asked for (0 for closed loop)
 * @param achievedRate       responses per second measured
 * @param durationSeconds    measurement length, s
 * @param connections        connections used
 * @param latency            corrected latency (from the intended send time), µs
 * @param uncorrected        latency from the actual send, µs
 * @param lag                generator lag, µs
 * @param classes            corrected latency per request class, µs
 * @param requests           outcomes
 * @param errors             all failed requests
 * @param serverMetrics          server-side metrics, or null when the server is not ours
 * @param valid              whether the run can be trusted
 * @param invalidReasons     why not
 * @param firstErrors        the first few error messages
 * @param slo                the scenario's SLO judged on this measurement, or null when the scenario has none
 * @param hostile            what the scenario's background (hostile) clients did and how the server survived them,
 *                           or null when the scenario has none (and in summaries written before it existed)
 * @param driverHealth       the load generator's health over the window (steal, JIT, GC, preemptions), or null
 *                           when not recorded (Gatling, files written before it existed)
 */
public record Summary(String server, String scenario, String driver, long resolutionMicros, String mode,
                      double targetRate, double achievedRate, double durationSeconds, int connections, Percentiles latency, Percentiles uncorrected,
                      Percentiles lag, Map<String, Percentiles> classes, Counts requests, long errors,
                      ServerMetrics serverMetrics, boolean valid, List<String> invalidReasons, List<String> firstErrors,
                      @JsonInclude(JsonInclude.Include.NON_NULL) SloVerdict slo,
                      @JsonInclude(JsonInclude.Include.NON_NULL) HostileOutcome hostile,
                      @JsonInclude(JsonInclude.Include.NON_NULL) DriverHealth driverHealth) {

    /** A summary without an SLO verdict. */
    public Summary(String server, String scenario, String driver, long resolutionMicros, String mode,
                   double targetRate, double achievedRate, double durationSeconds, int connections, Percentiles latency,
                   Percentiles uncorrected, Percentiles lag, Map<String, Percentiles> classes, Counts requests,
                   long errors, ServerMetrics serverMetrics, boolean valid, List<String> invalidReasons,
                   List<String> firstErrors) {
        this(server, scenario, driver, resolutionMicros, mode, targetRate, achievedRate, durationSeconds, connections,
                latency, uncorrected, lag, classes, requests, errors, serverMetrics, valid, invalidReasons, firstErrors,
                null, null, null);
    }

    /** A summary with an SLO verdict (or null) and no hostile clients. */
    public Summary(String server, String scenario, String driver, long resolutionMicros, String mode,
                   double targetRate, double achievedRate, double durationSeconds, int connections, Percentiles latency,
                   Percentiles uncorrected, Percentiles lag, Map<String, Percentiles> classes, Counts requests,
                   long errors, ServerMetrics serverMetrics, boolean valid, List<String> invalidReasons,
                   List<String> firstErrors, SloVerdict slo) {
        this(server, scenario, driver, resolutionMicros, mode, targetRate, achievedRate, durationSeconds, connections,
                latency, uncorrected, lag, classes, requests, errors, serverMetrics, valid, invalidReasons, firstErrors,
                slo, null, null);
    }

    /** This summary with an SLO verdict. */
    public Summary withSlo(SloVerdict verdict) {
        return new Summary(server, scenario, driver, resolutionMicros, mode, targetRate, achievedRate, durationSeconds,
                connections, latency, uncorrected, lag, classes, requests, errors, serverMetrics, valid, invalidReasons,
                firstErrors, verdict, hostile, driverHealth);
    }

    /** This summary with what its hostile clients did. */
    public Summary withHostile(HostileOutcome outcome) {
        return new Summary(server, scenario, driver, resolutionMicros, mode, targetRate, achievedRate, durationSeconds,
                connections, latency, uncorrected, lag, classes, requests, errors, serverMetrics, valid, invalidReasons,
                firstErrors, slo, outcome, driverHealth);
    }

    /**
     * Normal clients served per second: successful responses only. Zero with a target rate above zero means the
     * model stopped serving normal clients, a result the tables show as "0 req/s served".
     */
    public double servedRate() {
        return durationSeconds <= 0 ? 0 : requests.completed() / durationSeconds;
    }

    /** True when an open-loop measurement had not one successful response: the model served nobody. */
    public boolean servedNone() {
        return targetRate > 0 && requests != null && requests.completed() == 0;
    }

    /** This summary with the driver's health over the window. */
    public Summary withDriverHealth(DriverHealth health) {
        return new Summary(server, scenario, driver, resolutionMicros, mode, targetRate, achievedRate, durationSeconds,
                connections, latency, uncorrected, lag, classes, requests, errors, serverMetrics, valid, invalidReasons,
                firstErrors, slo, hostile, health);
    }
}

package dev.concurrencybench.loadgen.gatling;

import dev.concurrencybench.loadgen.scenario.Slo;
import dev.concurrencybench.report.results.Counts;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Percentiles;
import dev.concurrencybench.report.results.ServerMetrics;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} of a Gatling measurement: {@code "driver": "gatling"}, {@code "resolutionMicros": 1000}.
 * {@code latency} and {@code uncorrected} are the same histogram (Gatling measures from its actual send, there is
 * no intended send time to correct from); {@code lag} is empty (Gatling does not expose it); {@code connections}
 * is 0 (the open model does not cap them). OK requests are {@code completed}; KO requests are sorted into the
 * error kinds by their message.
 *
 * <p>Validity: the achieved rate is at least 99 % of the target and KO requests are at most 0.1 %, as for the
 * precise driver. The generator-lag rule cannot be applied; in its place, more than 1 % more requests sent in the
 * window than scheduled means Gatling was behind its own schedule (its warm-up backlog went out late, and those
 * latencies are its own queueing as much as the server's).
 */
public final class GatlingSummary {

    /** Gatling's timing resolution, µs. */
    public static final long RESOLUTION_MICROS = 1000;

    private GatlingSummary() {
    }

    /**
     * @param server   server id, or {@code external}
     * @param scenario scenario name
     * @param plan     what was run
     * @param run      what came out
     * @param metrics  server-side metrics over the measurement window, or null when the server is not ours
     */
    public static Summary of(String server, String scenario, GatlingPlan plan, GatlingRun run, ServerMetrics metrics) {
        GatlingLatency l = run.latency();
        Counts c = l.counts();
        double seconds = l.durationMillis() / 1000.0;
        double achieved = (c.completed() + c.statusErrors() + c.bodyErrors()) / seconds;
        List<String> reasons = new ArrayList<>();
        if (achieved < 0.99 * plan.rate()) {
            reasons.add(String.format("achieved %.0f req/s, more than 1%% under the target %.0f req/s", achieved, plan.rate()));
        }
        long all = c.completed() + c.errors();
        double scheduled = plan.rate() * seconds;
        if (all > 1.01 * scheduled) {
            // Gatling stamps the actual send: a backlog of late warm-up users lands in the window
            reasons.add(String.format("%d requests were sent in the window for %.0f scheduled: Gatling was behind its "
                    + "schedule and sent warm-up users late (a cold Gatling JVM; lengthen --warmup)", all, scheduled));
        }
        long late = l.afterWindowRequests();
        if (late > 0.01 * scheduled) {
            reasons.add(late + " requests went out after the window closed: Gatling was behind its schedule");
        }
        if (c.errors() > 0 && c.errors() * 1000 > all) {
            reasons.add(c.errors() + " KO in " + all + " requests (more than 0.1 %)");
        }
        Map<String, Percentiles> classes = new LinkedHashMap<>();
        l.byClass().forEach((k, h) -> classes.put(k, Percentiles.of(h)));
        Percentiles latency = Percentiles.of(l.all());
        Summary s = new Summary(server, scenario, "gatling", RESOLUTION_MICROS,
                plan.connectionPerRequest() ? "gatling_open_connection_per_request" : "gatling_open_shared_connections",
                plan.rate(), Math.round(achieved * 10) / 10.0, seconds, 0, latency, latency,
                new Percentiles(0, 0, 0, 0, 0, 0, 0, 0), classes, c, c.errors(), metrics, reasons.isEmpty(), reasons,
                l.firstErrors());
        return Slo.judge(plan.slo(), s);
    }

    /**
     * Writes {@code gatling.json} (the Gatling JVM: version, flags, wall time, peak RSS, exit code, Gatling's own
     * assertion verdict) and then {@code summary.json}, last, so a summary is only there for a finished cell.
     */
    public static void write(GatlingRun run, Summary summary) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("gatlingVersion", run.latency().header().gatlingVersion());
        facts.put("jvmFlags", run.jvmFlags());
        facts.put("wallSeconds", Math.round(run.wallSeconds() * 10) / 10.0);
        facts.put("peakRssBytes", run.peakRssBytes());
        facts.put("exitCode", run.exitCode());
        facts.put("assertionsPassed", run.assertionsPassed());
        facts.put("measureStartEpochMillis", run.latency().fromEpochMillis());
        facts.put("warmupRequests", run.latency().warmupRequests());
        facts.put("afterWindowRequests", run.latency().afterWindowRequests());
        facts.put("report", "index.html");
        Json.write(run.dir().resolve("gatling.json"), facts);
        Json.write(run.dir().resolve("summary.json"), summary);
    }
}

package dev.concurrencybench.harness.run;

import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.loadgen.output.DriverHealthWatch;
import dev.concurrencybench.loadgen.output.DriverSummary;
import dev.concurrencybench.loadgen.output.LiveLine;
import dev.concurrencybench.loadgen.output.MeasurementFiles;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's own noise floor: the precise driver, at a scenario's rate and connections, against an
 * {@link Instrument} that costs almost nothing. Whatever latency it shows is the driver's (and the machine's),
 * so differences between servers smaller than the floor are noise.
 */
public final class Floor {

    /** The name the floor's summary carries in its {@code server} field. */
    public static final String SERVER = "floor";

    /**
     * One floor measurement.
     *
     * @param instrument what it was measured against, e.g. {@code nginx 1.22.1 (1 worker)}
     * @param summary    the same record as a {@code summary.json}, with {@code "server": "floor"}
     */
    public record Result(String instrument, Summary summary) {

        /** The {@code run.json} entry: {@code {"instrument": ..., "summary": {...}}}. */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument", instrument);
            m.put("summary", summary);
            return m;
        }
    }

    private Floor() {
    }

    /**
     * Measures the floor: {@code GET /plaintext} at {@code rate} over {@code connections}, a discarded warm-up, then
     * the measurement; writes {@code latency.hlog}, {@code latency.hgrm} and {@code summary.json} into {@code dir}.
     *
     * @param instrument    the running instrument
     * @param rate          requests/s
     * @param connections   keep-alive connections
     * @param pipeline      pipelining depth (1: none)
     * @param warmupNanos   discarded warm-up
     * @param durationNanos measurement
     * @param dir           where the files go
     * @param out           live lines, or null for none
     */
    public static Result measure(Instrument instrument, double rate, int connections, int pipeline, long warmupNanos,
                                 long durationNanos, Path dir, PrintStream out) throws IOException {
        Target target = Target.parse("http://127.0.0.1:" + instrument.port() + "/plaintext");
        RequestTemplate t = RequestTemplate.http("plaintext", 1, "GET", target.hostHeader(), "/plaintext", null, 200,
                "Hello, World!", null);
        DriverConfig config = DriverConfig.openLoop(target, List.of(t), rate, connections, warmupNanos, durationNanos)
                .withPipelineDepth(pipeline);
        try (MeasurementFiles files = new MeasurementFiles(dir, out == null ? null : new LiveLine(out, SERVER))) {
            DriverHealthWatch health = new DriverHealthWatch(instrument.pid(), files);
            DriverResult r = PreciseDriver.run(config, health);
            Summary summary = DriverSummary.of(SERVER, "plaintext", r, null, health.result());
            files.finish(r, summary);
            return new Result(instrument.name(), summary);
        }
    }

    /**
     * Warms the instrument (a JVM responder has a JIT too) and the driver against it: a short run at a high rate,
     * discarded.
     */
    public static void warmInstrument(Instrument instrument, int connections, long nanos) throws IOException {
        Target target = Target.parse("http://127.0.0.1:" + instrument.port() + "/plaintext");
        RequestTemplate t = RequestTemplate.http("plaintext", 1, "GET", target.hostHeader(), "/plaintext", null, 200,
                "Hello, World!", null);
        PreciseDriver.run(DriverConfig.openLoop(target, List.of(t), 10_000, connections, 0, nanos), null);
    }
}

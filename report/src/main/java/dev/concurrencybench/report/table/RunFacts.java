package dev.concurrencybench.report.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.report.read.Cell;
import dev.concurrencybench.report.read.RunResults;
import dev.concurrencybench.report.svg.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The environment of a run (commit, JDK, kernel, CPU, pinning, JVM flags, dates, measuring order) and the command
 * line that reproduces it, rebuilt from {@code run.json}. Stateless.
 */
public final class RunFacts {

    private RunFacts() {
    }

    /** Two columns: what, value. */
    public static Table environment(RunResults r) {
        JsonNode run = r.run();
        List<Table.Row> rows = new ArrayList<>();
        add(rows, "run", r.runId() + " (" + r.command() + ", " + r.status()
                + (r.statusReason() == null ? "" : ": " + r.statusReason()) + ")");
        add(rows, "commit", text(run, "commit") + (run.path("dirty").asBoolean(false) ? " (with uncommitted changes)" : ""));
        add(rows, "JDK", text(run, "jdk"));
        add(rows, "kernel", text(run, "kernel") + (run.has("damon") ? " (clock source " + text(run, "clocksource")
                + ", cpuidle " + text(run, "cpuidle") + ", DAMON " + text(run, "damon") + ")" : ""));
        add(rows, "CPU", text(run, "cpuModel") + ", " + text(run, "cores") + " core(s) visible to the driver JVM");
        JsonNode pin = run.path("pinning");
        if (pin.isObject()) {
            add(rows, "pinning", "server CPUs " + text(pin, "serverCpus") + (pin.path("serverPinned").asBoolean()
                    ? " (pinned)" : " (not pinned)") + ", driver CPUs " + text(pin, "loadgenCpus")
                    + (pin.path("loadgenPinned").asBoolean() ? " (pinned)" : " (not pinned)"));
        }
        if (run.has("jvmFlags")) {
            add(rows, "server JVM flags", join(run.path("jvmFlags")));
        }
        if (run.has("loadgenJvmFlags")) {
            add(rows, "driver JVM flags", join(run.path("loadgenJvmFlags")));
        }
        add(rows, "started", text(run, "startedAt"));
        add(rows, "finished", text(run, "finishedAt"));
        if (run.has("warmupSeconds")) {
            add(rows, "warm-up / measurement", Format.trim(run.path("warmupSeconds").asDouble()) + " s / "
                    + Format.trim(run.path("durationSeconds").asDouble()) + " s per cell");
        }
        if (run.path("repeat").asInt(1) > 1) {
            add(rows, "repetitions", run.path("repeat").asInt() + " per cell, each a fresh server JVM (rep-<i>/), "
                    + "interleaved; tables show the merged histograms");
        }
        if (run.path("injectDelayUs").asLong(0) > 0) {
            add(rows, "INJECTED DELAY", run.path("injectDelayUs").asLong() + " µs busy-spin per request in every "
                    + "server (--inject-delay-us): a test of the regression gate, not a measurement");
        }
        r.order().forEach((scenario, servers) -> add(rows, "order (" + scenario + ")", String.join(" → ", servers)));
        if (r.floor() != null) {
            add(rows, "driver floor", "measured against " + r.floor().instrument());
        }
        return new Table(List.of("what", "value"), rows);
    }

    /** The {@code ./bench …} line that runs the same plan again (at the commit above). */
    public static String command(RunResults r) {
        JsonNode run = r.run();
        StringBuilder b = new StringBuilder("./bench ").append(r.command());
        if (r.command().equals("load")) {
            b.append(" --url ").append(text(run, "url"));
            String driver = text(run, "driver");
            if (driver.equals("closed_loop")) {
                b.append(" --closed-loop");
            } else {
                b.append(" --rate ").append(Format.trim(run.path("rate").asDouble()));
                if (driver.equals("open_connection_per_request")) {
                    b.append(" --connection-per-request");
                }
            }
            b.append(" --connections ").append(run.path("connections").asInt());
            if (run.path("pipeline").asInt(1) != 1) {
                b.append(" --pipeline ").append(run.path("pipeline").asInt());
            }
            r.cells().stream().map(Cell::scenario).findFirst().filter(n -> !n.equals("load"))
                    .ifPresent(n -> b.append(" --name ").append(n));
        } else {
            if (!r.servers().isEmpty()) {
                b.append(" --servers ").append(String.join(",", r.servers()));
            }
            if (!r.scenarios().isEmpty()) {
                b.append(" --scenario ").append(String.join(",", r.scenarios()));
            }
            if (run.hasNonNull("rateOverride")) {
                b.append(" --rate ").append(Format.trim(run.path("rateOverride").asDouble()));
            }
            if (run.hasNonNull("connectionsOverride")) {
                b.append(" --connections ").append(run.path("connectionsOverride").asInt());
            }
            if (run.path("tls").asBoolean(false)) {
                b.append(" --tls");
            }
            JsonNode pin = run.path("pinning");
            if (pin.isObject() && pin.path("serverPinned").asBoolean()) {
                b.append(" --cpus server=").append(text(pin, "serverCpus").replace(',', '+'))
                        .append(",loadgen=").append(text(pin, "loadgenCpus").replace(',', '+'));
            }
            if (r.command().equals("sweep")) {
                b.append(" --from ").append(Format.trim(run.path("startRate").asDouble()));
                b.append(" --factor ").append(Format.trim(run.path("factor").asDouble()));
                if (run.has("maxSteps")) {
                    b.append(" --max-steps ").append(run.path("maxSteps").asInt());
                }
                b.append(" --slo ").append(duration(run.path("sloP99Micros").asLong() / 1e6));
            }
        }
        if (run.path("repeat").asInt(1) > 1) {
            b.append(" --repeat ").append(run.path("repeat").asInt());
        }
        if (run.path("injectDelayUs").asLong(0) > 0) {
            b.append(" --inject-delay-us ").append(run.path("injectDelayUs").asLong());
        }
        if (run.has("warmupSeconds")) {
            b.append(" --warmup ").append(duration(run.path("warmupSeconds").asDouble()));
        }
        if (run.has("durationSeconds")) {
            b.append(" --duration ").append(duration(run.path("durationSeconds").asDouble()));
        }
        return b.toString();
    }

    /** Seconds as the CLI's duration syntax: {@code 15s}, {@code 500ms}. */
    static String duration(double seconds) {
        if (seconds == Math.rint(seconds)) {
            return (long) seconds + "s";
        }
        return String.format(Locale.ROOT, "%.0fms", seconds * 1000);
    }

    private static void add(List<Table.Row> rows, String what, String value) {
        rows.add(new Table.Row(List.of(what, value), false, false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "unknown" : v.asText();
    }

    private static String join(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(v -> s.add(v.asText()));
        return String.join(" ", s);
    }
}

package dev.concurrencybench.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What differs between two runs' {@code run.json} beyond the code under test: the machine, the JDK, and the run's
 * own settings. Each difference is a warning, not an error: a ratio across machines is still a number, but the
 * design rule "comparisons are ratios measured on one machine" no longer holds and the reader must know.
 */
final class RunDifferences {

    /** run.json keys describing the machine and the JDK. */
    private static final List<String> MACHINE = List.of("cpuModel", "cores", "kernel", "jdk");
    /** Machine keys that older run.json files lack: compared only when both runs recorded them. */
    private static final List<String> MACHINE_RECORDED_LATER = List.of("damon");
    /** run.json keys describing how the measurement was taken. */
    private static final List<String> SETTINGS = List.of("jvmFlags", "pinning", "tls", "warmupSeconds",
            "durationSeconds", "repeat", "rateOverride", "connectionsOverride");

    private RunDifferences() {
    }

    static List<String> of(ResultsFolder base, ResultsFolder candidate) {
        List<String> out = new ArrayList<>();
        for (String k : MACHINE) {
            diff(out, "different machine or JDK: ", k, base, candidate);
        }
        for (String k : MACHINE_RECORDED_LATER) {
            if (base.run().containsKey(k) && candidate.run().containsKey(k)) {
                diff(out, "different machine or JDK: ", k, base, candidate);
            }
        }
        for (String k : SETTINGS) {
            diff(out, "different run settings: ", k, base, candidate);
        }
        for (ResultsFolder f : List.of(base, candidate)) {
            if (f.run().get("injectDelayUs") instanceof Number n && n.longValue() > 0) {
                out.add((f == base ? "baseline" : "candidate") + " ran with an injected delay of " + n
                        + " µs per request (--inject-delay-us): a test of the gate, not a real measurement");
            }
            Object status = f.run().get("status");
            if (!"complete".equals(status)) {
                Object why = f.run().get("statusReason");
                out.add((f == base ? "baseline" : "candidate") + " run.json says status '" + status + "'"
                        + (why == null ? "" : " (" + why + ")"));
            }
        }
        return out;
    }

    private static void diff(List<String> out, String prefix, String key, ResultsFolder a, ResultsFolder b) {
        Object x = a.run().get(key);
        Object y = b.run().get(key);
        if (!Objects.equals(x, y)) {
            out.add(prefix + key + " is " + x + " in the baseline, " + y + " in the candidate");
        }
    }
}

package dev.concurrencybench.report.compare;

import dev.concurrencybench.report.results.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare.json}, schema version {@value #SCHEMA_VERSION}. Fields (README, "compare.json"):
 * <pre>
 * schemaVersion           1; bumped on any incompatible change
 * baseline, candidate     {path, runId, commit, jdk, cpuModel, cores}
 * settings                {confidence 0.90, alpha 0.05, resamples, seed, driver, gating [metric keys],
 *                          deltas {p50: 0.05, ...} (fractions), multipleComparisons "holm"}
 * exitCode, outcome       the command's exit code and its word: pass | regression | invalid | inconclusive
 * counts                  {REGRESSION: n, ...} over every metric; gatingCounts the same over gating ones
 * warnings, notCompared   strings
 * cells[]                 {key, server, scenario, targetRate, repetitions {baseline, candidate},
 *                          requests {baseline, candidate}, valid, invalidReasons [],
 *                          metrics [{metric (key), label, unit, gating, delta, baseline, candidate, ratio,
 *                                    ciLow, ciHigh, pRegression, pRegressionAdjusted, verdict,
 *                                    repetitionsNeeded, note}]}
 * </pre>
 * Numbers that do not exist (no interval, an invalid cell) are {@code null}, never NaN.
 */
public final class CompareJson {

    /** The version of the layout above. */
    public static final int SCHEMA_VERSION = 1;

    private CompareJson() {
    }

    /** Writes the file atomically. */
    public static void write(Path file, ComparisonResult r, ResultsFolder base, ResultsFolder candidate,
                             int exitCode) throws IOException {
        Json.write(file, tree(r, base, candidate, exitCode));
    }

    static Map<String, Object> tree(ComparisonResult r, ResultsFolder base, ResultsFolder candidate, int exitCode) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("baseline", side(base));
        root.put("candidate", side(candidate));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("confidence", 1 - 2 * CompareSettings.ALPHA);
        s.put("alpha", CompareSettings.ALPHA);
        s.put("resamples", r.settings().resamples());
        s.put("seed", r.settings().seed());
        s.put("driver", r.settings().driver());
        s.put("gating", r.settings().gating().stream().map(Metric::key).toList());
        Map<String, Object> deltas = new LinkedHashMap<>();
        r.settings().deltas().forEach((m, d) -> deltas.put(m.key(), d));
        s.put("deltas", deltas);
        s.put("multipleComparisons", "holm");
        root.put("settings", s);
        root.put("exitCode", exitCode);
        root.put("outcome", outcome(exitCode));
        root.put("counts", counts(r, false));
        root.put("gatingCounts", counts(r, true));
        root.put("warnings", r.warnings());
        root.put("notCompared", r.notCompared());
        List<Object> cells = new ArrayList<>();
        for (CellResult c : r.cells()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", c.key());
            e.put("server", c.server());
            e.put("scenario", c.scenario());
            e.put("targetRate", c.targetRate());
            e.put("repetitions", Map.of("baseline", c.baseRepetitions(), "candidate", c.candidateRepetitions()));
            e.put("requests", Map.of("baseline", c.baseRequests(), "candidate", c.candidateRequests()));
            e.put("valid", c.valid());
            e.put("invalidReasons", c.invalidReasons());
            List<Object> metrics = new ArrayList<>();
            for (MetricResult m : c.metrics()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("metric", m.metric().key());
                x.put("label", m.metric().label());
                x.put("unit", m.metric().unit());
                x.put("gating", m.gating());
                x.put("delta", m.delta());
                x.put("baseline", finite(m.base()));
                x.put("candidate", finite(m.candidate()));
                x.put("ratio", finite(m.ratio()));
                x.put("ciLow", m.ciLow());
                x.put("ciHigh", m.ciHigh());
                x.put("pRegression", m.pRegression());
                x.put("pRegressionAdjusted", m.pRegressionAdjusted());
                x.put("verdict", m.verdict().name());
                x.put("repetitionsNeeded", m.repetitionsNeeded());
                x.put("note", m.note());
                metrics.add(x);
            }
            e.put("metrics", metrics);
            cells.add(e);
        }
        root.put("cells", cells);
        return root;
    }

    /** The word for an exit code, as compare.json's {@code outcome}. */
    public static String outcome(int exitCode) {
        return switch (exitCode) {
            case ComparisonResult.EXIT_OK -> "pass";
            case ComparisonResult.EXIT_REGRESSION -> "regression";
            case ComparisonResult.EXIT_INCONCLUSIVE -> "inconclusive";
            case ComparisonResult.EXIT_INVALID -> "invalid";
            default -> "error";
        };
    }

    private static Map<String, Object> side(ResultsFolder f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", f.dir().toString());
        for (String k : List.of("runId", "commit", "jdk", "cpuModel", "cores")) {
            m.put(k, f.run().get(k));
        }
        return m;
    }

    private static Map<String, Long> counts(ComparisonResult r, boolean gating) {
        Map<Verdict, Long> byVerdict = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            byVerdict.put(v, r.count(v, gating));
        }
        Map<String, Long> out = new LinkedHashMap<>();
        byVerdict.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}

package dev.concurrencybench.report.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.RunRecord;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a results folder written by {@code bench run}, {@code sweep} or {@code load} (and, later, Gatling cells)
 * into {@link RunResults}. Reads only: nothing in the folder is created, changed or deleted. A folder that is not a
 * results folder at all, or that a newer version wrote, is a {@link ResultsException}; a folder with holes (an
 * interrupted run, a failed cell, a truncated log) is read with each hole named. Stateless; thread-safe.
 */
public final class ResultsFolder {

    /** Ignore fields a newer writer added; a newer <em>schema</em> is refused through {@code schemaVersion}. */
    private static final ObjectReader SUMMARY = Json.MAPPER.readerFor(Summary.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsFolder() {
    }

    /** Reads {@code dir}. */
    public static RunResults read(Path dir) throws ResultsException {
        if (!Files.isDirectory(dir)) {
            throw new ResultsException(dir + " is not a folder");
        }
        Path runFile = dir.resolve("run.json");
        if (!Files.isRegularFile(runFile)) {
            throw new ResultsException(dir + " is not a results folder: it has no run.json");
        }
        JsonNode run = readJson(runFile);
        if (!run.isObject()) {
            throw new ResultsException(runFile + " is not a JSON object");
        }
        checkSchema(runFile, run);
        try {
            return new ResultsFolder.Walk(dir, run).read();
        } catch (IOException e) {
            throw new ResultsException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    static JsonNode readJson(Path file) throws ResultsException {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ResultsException(file + " is not valid JSON (half-written?): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ResultsException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void checkSchema(Path file, JsonNode node) throws ResultsException {
        int v = node.path("schemaVersion").asInt(1);
        if (v > RunRecord.SCHEMA_VERSION) {
            throw new ResultsException(file + " has schema version " + v + ", newer than this bench reads ("
                    + RunRecord.SCHEMA_VERSION + "): report it with the version that wrote it");
        }
    }

    /** One read of one folder. */
    private static final class Walk {
        private final Path dir;
        private final JsonNode run;
        private final List<String> problems = new ArrayList<>();

        Walk(Path dir, JsonNode run) {
            this.dir = dir;
            this.run = run;
        }

        RunResults read() throws IOException, ResultsException {
            String command = run.path("command").asText("run");
            String status = run.path("status").asText("unknown");
            String reason = run.hasNonNull("statusReason") ? run.get("statusReason").asText() : null;
            if (!status.equals("complete")) {
                problems.add("run.json says the run is " + status + (reason == null ? "" : " (" + reason + ")")
                        + ": what it did not finish is marked missing");
            }
            LinkedHashSet<String> servers = new LinkedHashSet<>();
            run.path("servers").forEach(s -> servers.add(s.asText()));
            LinkedHashSet<String> scenarios = new LinkedHashSet<>();
            run.path("scenarios").forEach(s -> scenarios.add(s.isObject() ? s.path("name").asText() : s.asText()));
            RunResults shell = new RunResults(dir, run, command, status, reason, List.of(), List.of(), List.of(),
                    null, 0, Map.of(), List.of());
            List<Cell> cells = new ArrayList<>();
            for (Path serverDir : subdirs(dir)) {
                String server = serverDir.getFileName().toString();
                for (Path scenarioDir : subdirs(serverDir)) {
                    String scenario = scenarioDir.getFileName().toString();
                    List<Cell> found = cellsIn(serverDir, scenarioDir, shell.tls(scenario));
                    if (!found.isEmpty()) {
                        servers.add(server);
                        scenarios.add(scenario);
                        cells.addAll(found);
                    }
                }
            }
            if (command.equals("run")) {
                for (String sc : scenarios) {
                    for (String sv : servers) {
                        if (cells.stream().noneMatch(c -> c.server().equals(sv) && c.scenario().equals(sc))) {
                            cells.add(new Cell(sv, sc, null, dir.resolve(sv).resolve(sc), null, null, null,
                                    List.of("no folder: the run never reached this cell"), null));
                        }
                    }
                }
            }
            List<String> serverOrder = List.copyOf(servers);
            List<String> scenarioOrder = List.copyOf(scenarios);
            cells.sort(Comparator.<Cell>comparingInt(c -> scenarioOrder.indexOf(c.scenario()))
                    .thenComparingInt(c -> serverOrder.indexOf(c.server()))
                    .thenComparing(c -> c.variant() == null ? "" : c.variant().startsWith("rate-") ? "r" : "g")
                    .thenComparingDouble(c -> Double.isNaN(c.stepRate()) ? 0 : c.stepRate()));
            if (cells.isEmpty()) {
                problems.add("no server×scenario folder with results in it");
            }
            return new RunResults(dir, run, command, status, reason, serverOrder, scenarioOrder, List.copyOf(cells),
                    floor(), run.path("sloP99Micros").asLong(0), order(), List.copyOf(problems));
        }

        private List<Cell> cellsIn(Path serverDir, Path scenarioDir, boolean tls) throws IOException, ResultsException {
            List<Cell> out = new ArrayList<>();
            String server = serverDir.getFileName().toString();
            String scenario = scenarioDir.getFileName().toString();
            Path stagesLog = scenarioDir.resolve("stages.hlog");
            boolean own = Files.exists(scenarioDir.resolve("summary.json")) || Files.exists(scenarioDir.resolve("latency.hlog"))
                    || Files.exists(scenarioDir.resolve("error.txt"));
            if (own) {
                out.add(cell(server, scenario, null, scenarioDir, stagesLog, tls));
            }
            for (Path sub : subdirs(scenarioDir)) {
                String name = sub.getFileName().toString();
                if (name.equals("gatling") || name.startsWith("rate-")) {
                    Path log = Files.exists(sub.resolve("stages.hlog")) ? sub.resolve("stages.hlog") : stagesLog;
                    out.add(cell(server, scenario, name, sub, log, tls));
                }
            }
            return out;
        }

        private Cell cell(String server, String scenario, String variant, Path d, Path stagesLog, boolean tls)
                throws IOException, ResultsException {
            List<String> missing = new ArrayList<>();
            String where = dir.relativize(d) + "/";
            Summary summary = null;
            Path sf = d.resolve("summary.json");
            if (Files.isRegularFile(sf)) {
                JsonNode node = null;
                try {
                    node = Json.MAPPER.readTree(sf.toFile());
                } catch (IOException e) {
                    // summary.json is written atomically, so this is damage, not a run in progress: name it, go on
                    missing.add(where + "summary.json unreadable: " + e.getMessage().lines().findFirst().orElse(""));
                }
                if (node != null) {
                    checkSchema(sf, node);
                    try {
                        summary = SUMMARY.readValue(node);
                    } catch (IOException e) {
                        missing.add(where + "summary.json unreadable: " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            } else {
                Path err = d.resolve("error.txt");
                missing.add(where + "summary.json missing" + (Files.isRegularFile(err)
                        ? ": " + Files.readString(err).strip().lines().findFirst().orElse("") : ""));
            }
            LatencyLog latency = null;
            Path lf = d.resolve("latency.hlog");
            if (Files.isRegularFile(lf)) {
                latency = LatencyLog.read(lf);
                if (latency.damage() != null) {
                    missing.add(where + latency.damage());
                }
            } else if (summary != null) {
                missing.add(where + "latency.hlog missing: percentiles from summary.json, no spectrum or timeline");
            }
            StageBreakdown stages = null;
            if (latency != null && latency.startMillis() > 0 && Files.isRegularFile(stagesLog)
                    && !"external".equals(server)) {
                stages = StageBreakdown.read(stagesLog, latency.startMillis(), latency.endMillis(), server, tls);
                if (stages.damage() != null) {
                    missing.add(where + stages.damage());
                }
            }
            Path gatlingIndex = "gatling".equals(variant) ? findIndex(d) : null;
            return new Cell(server, scenario, variant, d, summary, latency, stages, List.copyOf(missing), gatlingIndex);
        }

        private Floor floor() {
            JsonNode f = run.path("floor");
            if (!f.isObject()) {
                return null;
            }
            try {
                return new Floor(f.path("instrument").asText("unknown"), SUMMARY.readValue(f.path("summary")));
            } catch (IOException e) {
                problems.add("run.json floor unreadable: " + e.getMessage().lines().findFirst().orElse(""));
                return null;
            }
        }

        private Map<String, List<String>> order() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            run.path("order").fields().forEachRemaining(e -> {
                List<String> l = new ArrayList<>();
                e.getValue().forEach(v -> l.add(v.asText()));
                m.put(e.getKey(), List.copyOf(l));
            });
            return m;
        }
    }

    private static Path findIndex(Path gatlingDir) throws IOException {
        try (Stream<Path> s = Files.walk(gatlingDir, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("index.html")).sorted().findFirst().orElse(null);
        }
    }

    private static List<Path> subdirs(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }
}

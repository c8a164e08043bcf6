package dev.concurrencybench.report.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's directory and its {@code run.json}. The file is written first with {@code "status":"incomplete"} and
 * rewritten with {@code "complete"} (or {@code "failed"}/{@code "interrupted"}) at the end, so an interrupted run
 * is never mistaken for a finished one. Not thread-safe except {@link #finish}, which is synchronized.
 */
public final class RunRecord {

    /**
     * The layout version of run.json and summary.json. Readers refuse a higher one rather than misread it; bump it
     * only when a field changes meaning or disappears (new fields are ignored by older readers).
     */
    public static final int SCHEMA_VERSION = 1;

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private boolean finished;

    private RunRecord(Path dir, String runId) {
        this.dir = dir;
        fields.put("schemaVersion", SCHEMA_VERSION);
        fields.put("runId", runId);
        fields.put("status", "incomplete");
        fields.put("startedAt", Instant.now().toString());
    }

    /**
     * Creates {@code <resultsRoot>/<timestamp>-<label>/} (suffixed when it exists) and writes the first run.json.
     *
     * @param resultsRoot usually {@code results}
     * @param label       what ran, e.g. {@code run} or {@code load}
     * @param facts       entries for run.json (environment, flags, scenarios)
     */
    public static RunRecord create(Path resultsRoot, String label, Map<String, Object> facts) throws IOException {
        String base = ID.format(Instant.now()) + "-" + label;
        Path dir = resultsRoot.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = resultsRoot.resolve(base + "-" + i);
        }
        Files.createDirectories(dir);
        RunRecord r = new RunRecord(dir, dir.getFileName().toString());
        r.fields.putAll(facts);
        r.fields.putAll(Environment.facts());
        r.write();
        return r;
    }

    public Path dir() {
        return dir;
    }

    /** Adds or replaces an entry and rewrites run.json. */
    public synchronized void put(String key, Object value) throws IOException {
        fields.put(key, value);
        write();
    }

    /**
     * Marks the run finished; only the first call counts (a shutdown hook may race the normal end).
     *
     * @param status {@code complete}, {@code failed} or {@code interrupted}
     * @param reason why, for anything but complete; may be null
     */
    public synchronized void finish(String status, String reason) {
        if (finished) {
            return;
        }
        finished = true;
        fields.put("status", status);
        if (reason != null) {
            fields.put("statusReason", reason);
        }
        fields.put("finishedAt", Instant.now().toString());
        try {
            write();
        } catch (IOException e) {
            System.err.println("could not write " + dir.resolve("run.json") + ": " + e.getMessage());
        }
    }

    private void write() throws IOException {
        Json.write(dir.resolve("run.json"), fields);
    }
}

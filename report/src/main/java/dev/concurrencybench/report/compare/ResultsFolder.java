package dev.concurrencybench.report.compare;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.concurrencybench.report.results.Json;
import dev.concurrencybench.report.results.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * A results folder as {@code bench compare} reads it: {@code run.json} and every server × scenario cell. Layouts:
 * <pre>
 * &lt;run&gt;/&lt;server&gt;/&lt;scenario&gt;/summary.json, latency.hlog            one repetition (K = 1)
 * &lt;run&gt;/&lt;server&gt;/&lt;scenario&gt;/rep-&lt;i&gt;/summary.json, latency.hlog    K repetitions (+ a merged summary.json
 *                                                              beside them, not read: the histograms are)
 * &lt;run&gt;/&lt;server&gt;/&lt;scenario&gt;/rate-&lt;R&gt;/...                        a sweep step, a cell of its own
 * </pre>
 * With driver {@code gatling} each repetition's files are read from its {@code gatling/} subfolder instead. A cell
 * folder holding only {@code error.txt} is a failed cell: kept with its message. Immutable once loaded.
 *
 * @param dir    the folder
 * @param run    run.json's entries
 * @param cells  usable cells by key, in folder order
 * @param failed failed cells by key: the message of their error.txt
 */
public record ResultsFolder(Path dir, Map<String, Object> run, Map<String, Cell> cells, Map<String, String> failed) {

    private static final Pattern REP = Pattern.compile("rep-(\\d+)");
    private static final ObjectReader SUMMARY = Json.MAPPER.readerFor(Summary.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Loads a results folder.
     *
     * @param driver {@code precise} or {@code gatling}
     * @throws CompareInputException when the folder, its run.json, a summary.json or a latency.hlog is missing or
     *                               corrupt, or it holds no cell at all
     */
    public static ResultsFolder load(Path dir, String driver) {
        if (!Files.isDirectory(dir)) {
            throw new CompareInputException(dir + " is not a folder");
        }
        Path runJson = dir.resolve("run.json");
        if (!Files.isRegularFile(runJson)) {
            throw new CompareInputException(dir + " is not a results folder: no run.json in it");
        }
        Map<String, Object> run;
        try {
            run = Json.MAPPER.readValue(runJson.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new CompareInputException("corrupt " + runJson + ": " + firstLine(e));
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Path server : subfolders(dir)) {
            for (Path scenario : subfolders(server)) {
                collect(dir, scenario, driver, cells, failed);
            }
        }
        if (cells.isEmpty() && failed.isEmpty()) {
            throw new CompareInputException(dir + " holds no measurement (no <server>/<scenario>/summary.json"
                    + (driver.equals("gatling") ? " under gatling/" : "") + ")");
        }
        return new ResultsFolder(dir, run, cells, failed);
    }

    /**
     * Several results folders read as one side: a cell's repetitions are those of every folder, in order. This is
     * how runs interleaved by hand (base, candidate, base, candidate, ... each {@code --repeat 1}) are compared.
     * run.json is the first folder's; {@link #dir()} is the first folder.
     *
     * @throws CompareInputException as {@link #load(Path, String)}, or when folders ran a cell at different rates
     */
    public static ResultsFolder load(List<Path> dirs, String driver) {
        if (dirs.size() == 1) {
            return load(dirs.get(0), driver);
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, Object> run = null;
        for (Path d : dirs) {
            ResultsFolder f = load(d, driver);
            run = run == null ? f.run() : run;
            failed.putAll(f.failed());
            for (Cell c : f.cells().values()) {
                List<Repetition> reps = new ArrayList<>();
                Cell prior = cells.get(c.key());
                if (prior != null) {
                    if (prior.targetRate() != c.targetRate()) {
                        throw new CompareInputException(c.key() + " ran at " + prior.targetRate() + " req/s in one "
                                + "folder and " + c.targetRate() + " in " + d);
                    }
                    reps.addAll(prior.repetitions());
                }
                for (Repetition r : c.repetitions()) {
                    reps.add(new Repetition(d.getFileName() + "/" + r.name(), r.summary(), r.intervals()));
                }
                cells.put(c.key(), new Cell(c.key(), c.server(), c.scenario(), c.targetRate(), reps));
            }
        }
        return new ResultsFolder(dirs.get(0), run, cells, failed);
    }

    private static void collect(Path root, Path cellDir, String driver, Map<String, Cell> cells,
                                Map<String, String> failed) {
        String key = root.relativize(cellDir).toString().replace('\\', '/');
        List<Path> sub = subfolders(cellDir);
        List<Path> reps = new ArrayList<>();
        for (Path p : sub) {
            if (REP.matcher(p.getFileName().toString()).matches()) {
                reps.add(p);
            } else if (p.getFileName().toString().startsWith("rate-")) {
                collect(root, p, driver, cells, failed);
            }
        }
        reps.sort(Comparator.comparingInt(p -> repNumber(p.getFileName().toString())));
        if (reps.isEmpty() && Files.isRegularFile(dataDir(cellDir, driver).resolve("summary.json"))) {
            reps.add(cellDir);
        }
        if (reps.isEmpty()) {
            Path error = cellDir.resolve("error.txt");
            if (Files.isRegularFile(error)) {
                failed.put(key, readQuietly(error));
            }
            return;
        }
        List<Repetition> loaded = new ArrayList<>();
        for (Path r : reps) {
            Path data = dataDir(r, driver);
            if (!Files.isRegularFile(data.resolve("summary.json")) && Files.isRegularFile(r.resolve("error.txt"))) {
                failed.put(key, r.getFileName() + ": " + readQuietly(r.resolve("error.txt")));
                return;
            }
            String name = r.equals(cellDir) ? "single" : r.getFileName().toString();
            loaded.add(new Repetition(name, summary(data.resolve("summary.json")),
                    intervals(data.resolve("latency.hlog"), latencyTag(driver))));
        }
        Summary first = loaded.get(0).summary();
        for (Repetition r : loaded) {
            if (r.summary().targetRate() != first.targetRate()) {
                throw new CompareInputException(cellDir + ": repetitions ran at different target rates ("
                        + first.targetRate() + " and " + r.summary().targetRate() + " req/s)");
            }
        }
        cells.put(key, new Cell(key, first.server(), first.scenario(), first.targetRate(), loaded));
    }

    private static Path dataDir(Path rep, String driver) {
        return driver.equals("gatling") ? rep.resolve("gatling") : rep;
    }

    private static int repNumber(String name) {
        Matcher m = REP.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    static Summary summary(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CompareInputException("missing " + file);
        }
        try {
            Summary s = SUMMARY.readValue(file.toFile());
            if (s == null || s.server() == null || s.scenario() == null || s.latency() == null) {
                throw new CompareInputException("corrupt " + file + ": server, scenario or latency missing");
            }
            return s;
        } catch (IOException e) {
            throw new CompareInputException("corrupt " + file + ": " + firstLine(e));
        }
    }

    /**
     * The tag of the latency compared: {@code corrected} for the precise driver (from the intended send time),
     * {@code all} for Gatling (its whole-millisecond samples from the actual send; it has no corrected latency).
     */
    static String latencyTag(String driver) {
        return driver.equals("gatling") ? "all" : "corrected";
    }

    /** The intervals tagged {@code corrected}, in file order (HistogramLogReader; other tags skipped). */
    static List<IntervalCounts> intervals(Path hlog) {
        return intervals(hlog, "corrected");
    }

    /** The intervals with this tag, in file order (HistogramLogReader; other tags skipped). */
    static List<IntervalCounts> intervals(Path hlog, String tag) {
        if (!Files.isRegularFile(hlog)) {
            throw new CompareInputException("missing " + hlog);
        }
        List<IntervalCounts> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(hlog)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (tag.equals(h.getTag())) {
                    if (!(h instanceof Histogram hist)) {
                        throw new CompareInputException("corrupt " + hlog + ": a " + tag + " interval is not an "
                                + "integer histogram");
                    }
                    out.add(IntervalCounts.of(hist));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CompareInputException c) {
                throw c;
            }
            // HistogramLogReader signals a malformed line or payload with assorted runtime exceptions
            throw new CompareInputException("corrupt " + hlog + ": " + firstLine(e));
        }
        if (out.isEmpty()) {
            throw new CompareInputException(hlog + " holds no interval tagged '" + tag + "'");
        }
        return out;
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new CompareInputException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "unreadable " + file.getFileName();
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** A string entry of run.json, or "unknown". */
    public String fact(String key) {
        Object v = run.get(key);
        return v == null ? "unknown" : String.valueOf(v);
    }
}

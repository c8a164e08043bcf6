package dev.concurrencybench.loadgen.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scenarios in a folder: every {@code *.json} file, named after the file. Files are read and validated
 * when the catalog is loaded, so a broken file is reported before any server starts.
 */
public final class ScenarioCatalog {

    /** The folder, relative to the working directory, that {@code ./bench} reads scenarios from. */
    public static final Path DEFAULT_DIR = Path.of("scenarios");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final TreeMap<String, Scenario> scenarios;

    private ScenarioCatalog(TreeMap<String, Scenario> scenarios) {
        this.scenarios = scenarios;
    }

    /**
     * Loads every scenario of a folder.
     *
     * @throws ScenarioException when the folder is missing or a file is invalid (one-line message)
     */
    public static ScenarioCatalog load(Path dir) throws ScenarioException {
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException("scenario folder " + dir.toAbsolutePath() + " not found (run from the repository root)");
        }
        TreeMap<String, Scenario> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Scenario s = parse(f);
                all.put(s.name(), s);
            }
        } catch (IOException e) {
            throw new ScenarioException("cannot list " + dir + ": " + e.getMessage());
        }
        return new ScenarioCatalog(all);
    }

    /** All scenarios, by name. */
    public List<Scenario> all() {
        return List.copyOf(scenarios.values());
    }

    /** The scenario called {@code name}; the message lists the known names when there is none. */
    public Scenario get(String name) throws ScenarioException {
        Scenario s = scenarios.get(name);
        if (s == null) {
            throw new ScenarioException("unknown scenario '" + name + "'; known: " + String.join(", ", scenarios.keySet()));
        }
        return s;
    }

    /** Parses and validates one scenario file. */
    public static Scenario parse(Path file) throws ScenarioException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".json".length());
        if (!NAME.matcher(name).matches()) {
            throw new ScenarioException(file + ": name must be lower-case letters, digits, '-', '.', '_'");
        }
        ScenarioFile f;
        try {
            f = MAPPER.readValue(file.toFile(), ScenarioFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException(file + ": unknown field '" + location(e) + "'");
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(file + ": " + e.getMessage());
        }
        return validate(file, name, f);
    }

    /** Where an unknown field is, e.g. {@code background[0].connection}. */
    private static String location(UnrecognizedPropertyException e) {
        StringBuilder b = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? e.getPropertyName() : b.toString();
    }

    private static Scenario validate(Path file, String name, ScenarioFile f) throws ScenarioException {
        String where = file + ": ";
        if (f.description() == null || f.description().isBlank()) throw new ScenarioException(where + "needs a one-line 'description'");
        if (f.description().contains("\n")) throw new ScenarioException(where + "'description' must be one line");
        double rate = f.rate() == null ? 1000 : f.rate();
        if (!(rate > 0)) throw new ScenarioException(where + "'rate' must be > 0 requests/s");
        int connections = f.connections() == null ? 16 : f.connections();
        if (connections < 1) throw new ScenarioException(where + "'connections' must be >= 1");
        int pipeline = f.pipeline() == null ? 1 : f.pipeline();
        if (pipeline < 1) throw new ScenarioException(where + "'pipeline' must be >= 1");
        boolean perRequest = Boolean.TRUE.equals(f.connectionPerRequest());
        if (perRequest && pipeline > 1) throw new ScenarioException(where + "'pipeline' needs keep-alive connections");
        if (f.requests() == null || f.requests().isEmpty()) throw new ScenarioException(where + "needs at least one entry in 'requests'");
        Set<String> names = new HashSet<>();
        List<RequestSpec> requests = new ArrayList<>();
        for (int i = 0; i < f.requests().size(); i++) {
            RequestSpec r = f.requests().get(i);
            String at = where + "requests[" + i + "]: ";
            if (r.path() == null || !r.path().startsWith("/")) throw new ScenarioException(at + "'path' must start with '/'");
            String cls = r.name() != null ? r.name() : r.path().substring(1).replace('/', '-');
            if (cls.isEmpty()) cls = "root";
            if (!names.add(cls)) throw new ScenarioException(at + "duplicate class name '" + cls + "'");
            if (r.weight() != null && !(r.weight() > 0)) throw new ScenarioException(at + "'weight' must be > 0");
            if (r.method() != null && !Set.of("GET", "POST").contains(r.method().toUpperCase(Locale.ROOT))) {
                throw new ScenarioException(at + "'method' must be GET or POST");
            }
            if (r.work() != null && r.body() != null) throw new ScenarioException(at + "give 'work' or 'body', not both");
            if (r.work() != null && (r.work().cpuIterations() < 0 || r.work().ioMicros() < 0 || r.work().blockMicros() < 0)) {
                throw new ScenarioException(at + "'work' parameters must be >= 0");
            }
            requests.add(new RequestSpec(cls, r.weight(), r.method() == null ? null : r.method().toUpperCase(Locale.ROOT),
                    r.path(), r.work(), r.body(), r.expectStatus(), r.expectBody(), r.expectContains()));
        }
        Slo slo = f.slo();
        if (slo != null) {
            if (slo.p99Millis() == null && slo.maxErrorPercent() == null) {
                throw new ScenarioException(where + "'slo' needs 'p99Millis' and/or 'maxErrorPercent'");
            }
            if (slo.p99Millis() != null && !(slo.p99Millis() > 0)) throw new ScenarioException(where + "'slo.p99Millis' must be > 0");
            if (slo.maxErrorPercent() != null && !(slo.maxErrorPercent() >= 0 && slo.maxErrorPercent() <= 100)) {
                throw new ScenarioException(where + "'slo.maxErrorPercent' must be between 0 and 100");
            }
        }
        List<BackgroundGroup> background = new ArrayList<>();
        if (f.background() != null) {
            Set<String> groupNames = new HashSet<>();
            long held = 0;
            for (int i = 0; i < f.background().size(); i++) {
                BackgroundGroup raw = f.background().get(i);
                String at = where + "background[" + i + "]";
                if (raw == null) throw new ScenarioException(at + ": is empty");
                BackgroundGroup g = raw.validate(at);
                if (!groupNames.add(g.name())) {
                    throw new ScenarioException(at + ": duplicate group name '" + g.name() + "' (give each a 'name')");
                }
                held += g.connections();
                background.add(g);
            }
            if (held > BackgroundGroup.MAX_CONNECTIONS) {
                throw new ScenarioException(where + "'background' groups hold " + held + " connections together; at most "
                        + BackgroundGroup.MAX_CONNECTIONS);
            }
            if (!background.isEmpty() && (Boolean.TRUE.equals(f.tls()) || perRequest)) {
                throw new ScenarioException(where + "'background' clients speak plain HTTP on keep-alive scenarios only "
                        + "(no 'tls', no 'connectionPerRequest')");
            }
        }
        return new Scenario(name, f.description().strip(), rate, connections, pipeline, Boolean.TRUE.equals(f.tls()),
                perRequest, Boolean.TRUE.equals(f.poisson()), List.copyOf(requests), slo, List.copyOf(background));
    }
}

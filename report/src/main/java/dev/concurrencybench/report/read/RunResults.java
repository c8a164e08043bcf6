package dev.concurrencybench.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a report shows of one results folder, as {@link ResultsFolder#read} found it. Immutable.
 *
 * @param dir          the folder
 * @param run          {@code run.json} as written (environment, plan, status)
 * @param command      {@code run}, {@code sweep} or {@code load}
 * @param status       {@code complete}, {@code failed}, {@code interrupted} or {@code incomplete}
 * @param statusReason why, when not complete; may be null
 * @param servers      server ids in run order
 * @param scenarios    scenario names in run order
 * @param cells        every measurement found or expected, in scenario × server order, sweep steps by rate
 * @param floor        the driver's floor, or null when the run has none
 * @param sloMicros    a sweep's SLO on corrected P99, µs, or 0
 * @param order        per scenario, the order servers were measured in, when run.json records it (else empty)
 * @param problems     run-level problems (one line each): what is missing, damaged or half-written
 */
public record RunResults(Path dir, JsonNode run, String command, String status, String statusReason,
                         List<String> servers, List<String> scenarios, List<Cell> cells, Floor floor,
                         long sloMicros, Map<String, List<String>> order, List<String> problems) {

    /** The run finished and every cell it planned produced its files. */
    public boolean complete() {
        return "complete".equals(status);
    }

    /** Whether the scenario ran over TLS (its own flag or the run's {@code --tls}). */
    public boolean tls(String scenario) {
        if (run.path("tls").asBoolean(false)) {
            return true;
        }
        for (JsonNode s : run.path("scenarios")) {
            if (scenario.equals(s.path("name").asText()) && s.path("tls").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** The cells of a scenario (steps and Gatling cells included), in server order. */
    public List<Cell> cells(String scenario) {
        return cells.stream().filter(c -> c.scenario().equals(scenario)).toList();
    }

    /** The plain cells (not sweep steps) of a scenario, Gatling cells included. */
    public List<Cell> measurements(String scenario) {
        return cells(scenario).stream().filter(c -> c.variant() == null || c.gatling()).toList();
    }

    /** The sweep steps of a server and scenario, by rising target rate. */
    public List<Cell> steps(String server, String scenario) {
        return cells(scenario).stream().filter(c -> c.server().equals(server) && !Double.isNaN(c.stepRate()))
                .toList();
    }

    /** The cell of the same server, scenario and variant, or null. */
    public Cell match(Cell other) {
        return cells.stream().filter(c -> c.server().equals(other.server()) && c.scenario().equals(other.scenario())
                && Objects.equals(c.variant(), other.variant())).findFirst().orElse(null);
    }

    /** Every server that has a cell, in run order then discovery order. */
    public List<String> allServers() {
        LinkedHashSet<String> s = new LinkedHashSet<>(servers);
        cells.forEach(c -> s.add(c.server()));
        return new ArrayList<>(s);
    }

    /** The run's id: its folder name as run.json records it. */
    public String runId() {
        return run.path("runId").asText(dir.getFileName().toString());
    }
}

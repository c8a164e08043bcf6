package dev.concurrencybench.harness.tradeoffs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.report.results.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-off benchmarks of a JMH JSON result file (from {@code bench microbench}), grouped by the model whose
 * hand-off each one is: the context-switch row in ns per one-way hand-off.
 */
final class HandoffFigures {

    /** Benchmark-name suffix to (model, label). */
    private static final Map<String, String[]> MODEL = new LinkedHashMap<>();

    static {
        MODEL.put("ParkUnparkPingPongBenchmark.platformThreads", new String[] {"threadpool", "park/unpark"});
        MODEL.put("SynchronousQueuePingPongBenchmark.platformThreads", new String[] {"threadpool", "SynchronousQueue"});
        MODEL.put("ExecutorSubmitBenchmark.submitAndAwait", new String[] {"threadpool", "executor submit"});
        MODEL.put("SelectorWakeupBenchmark.submitAndAwait", new String[] {"eventloop", "Selector.wakeup task"});
        MODEL.put("VirtualThreadPingPongBenchmark.oneCarrier", new String[] {"virtual", "1 carrier"});
        MODEL.put("VirtualThreadPingPongBenchmark.twoCarriers", new String[] {"virtual", "2 carriers"});
        MODEL.put("ReactorPublishOnBenchmark.publishOnAndBlock", new String[] {"reactive", "publishOn hop"});
    }

    /** The JMH regular expression that selects exactly these benchmarks. */
    static final String REGEX = "handoff\\.";

    private HandoffFigures() {
    }

    /** Model id to its figures as text, e.g. {@code park/unpark 4,212 ns}. */
    static Map<String, List<String>> read(Path jmhJson) throws IOException {
        JsonNode root = Json.MAPPER.readTree(jmhJson.toFile());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : MODEL.entrySet()) {
            for (JsonNode b : root) {
                if (b.path("benchmark").asText().endsWith(e.getKey())) {
                    JsonNode m = b.path("primaryMetric");
                    String unit = m.path("scoreUnit").asText().replace("/op", "");
                    out.computeIfAbsent(e.getValue()[0], k -> new ArrayList<>()).add(String.format("%s %,.0f %s",
                            e.getValue()[1], m.path("score").asDouble(), unit));
                }
            }
        }
        return out;
    }
}

package dev.concurrencybench.harness.tradeoffs;

import java.util.List;
import java.util.Map;

/**
 * The seed article's trade-off table ("The Comparison That Actually Matters", {@code seeds/concurrency-models.txt}),
 * quoted as written and never edited to match a measurement. Its four columns map onto this suite's models by the
 * mechanism each column describes: OS threads to {@code threadpool}, the Node event loop to {@code eventloop},
 * goroutines (user-space threads on a few carriers) to {@code virtual}, async/await futures to {@code reactive}.
 */
final class Claims {

    /** Server id to the article's column heading. */
    static final Map<String, String> COLUMN = Map.of(
            "threadpool", "OS Threads",
            "eventloop", "Event Loop (Node)",
            "virtual", "Goroutines (Go)",
            "reactive", "Async/Await (Python/Rust)");

    /** The table's rows, in the article's order. */
    static final List<String> ROWS = List.of("Memory per concurrent task", "Context switch cost", "Programming model",
            "CPU parallelism", "I/O concurrency", "Blocking code penalty");

    private static final Map<String, List<String>> CLAIMS = Map.of(
            "threadpool", List.of("~8MB", "High (kernel)", "Sequential", "Yes", "Yes (expensive)", "None"),
            "eventloop", List.of("~KB (just callback state)", "Near zero", "Callback/Promise hell", "No (single thread)",
                    "Yes (cheap)", "Catastrophic"),
            "virtual", List.of("~2KB growing", "Low (user space)", "Sequential", "Yes", "Yes (cheap)",
                    "None (runtime handles)"),
            "reactive", List.of("~KB (future state machine)", "Near zero", "Explicit async markers",
                    "No (Python) / Yes (Rust)", "Yes (cheap)", "Catastrophic"));

    private Claims() {
    }

    /** The article's cell for {@code row} (one of {@link #ROWS}) and a server id; "—" for a model it has no column for. */
    static String claim(String row, String server) {
        List<String> cells = CLAIMS.get(server);
        int i = ROWS.indexOf(row);
        if (cells == null || i < 0) return "—";
        return cells.get(i);
    }

    static String column(String server) {
        return COLUMN.getOrDefault(server, server);
    }
}

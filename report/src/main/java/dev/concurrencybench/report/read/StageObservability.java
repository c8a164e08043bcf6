package dev.concurrencybench.report.read;

import java.util.Map;

/**
 * Why a stage has no samples. Two different things: a model that <em>cannot</em> observe a stage (the step happens
 * in code the pipeline does not run, so no clock is read around it), and a scenario that does not exercise it (no
 * TLS, no request body). Taken from each model's javadoc and its {@code Stage} calls; keyed by server id and stage
 * tag so that {@code report} needs no server module. Stateless.
 */
public final class StageObservability {

    /** Per server id: stage tag → why the model cannot observe it. */
    private static final Map<String, Map<String, String>> NOT_OBSERVABLE = Map.of(
            "reactive", Map.of(
                    "accept", "Reactor Netty accepts and configures the socket inside Netty, before the pipeline runs",
                    "queue", "Netty's event loop schedules the read itself; no hook sees a ready channel wait",
                    "read", "Netty reads the socket into its own buffer before handing it to the pipeline"));

    /**
     * Blocking models time a read only when bytes were already waiting (otherwise it times the client's pause), and
     * ask whether they were on one read in 16 (the question is a system call).
     */
    private static final String BLOCKING_READ = "timed only when bytes were already waiting (a blocking read would "
            + "otherwise time the client's pause), sampled on one read in 16; none were in this window";

    private StageObservability() {
    }

    /** Why {@code server} cannot observe {@code stage}, or null when it can. */
    public static String notObservable(String server, String stage) {
        return NOT_OBSERVABLE.getOrDefault(server, Map.of()).get(stage);
    }

    /** Why an observable stage has no samples in a measurement. */
    static String notExercised(String server, String stage, boolean tls) {
        if (stage.equals("read") && (server.equals("threadpool") || server.equals("virtual"))) {
            return BLOCKING_READ;
        }
        return switch (stage) {
            case "handshake", "decrypt" -> tls ? "no TLS samples in the measurement window" : "no TLS in this scenario";
            case "decode" -> "no JSON request body in this scenario";
            case "queue", "accept" -> "no new connection or wait in the measurement window";
            default -> "no samples in the measurement window";
        };
    }
}

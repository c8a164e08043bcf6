package dev.concurrencybench.loadgen.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One group of background (hostile) clients of a scenario, e.g.
 * {@code {"kind": "slowloris", "connections": 1000, "byteIntervalMillis": 1000}}. Background groups run beside the
 * measured {@code requests} for the whole warm-up plus measurement, on one extra load-generator thread; what they do
 * to the measured clients is the scenario's result, their own outcome is reported beside it. Every group is bounded
 * in count ({@code connections}, and {@code ratePerSecond} × the run's length) and in time (the run). Immutable;
 * {@link #validate} fills in the defaults.
 *
 * @param kind               what the clients do (see {@link Kind})
 * @param name               label in results (default: the kind)
 * @param connections        connections held at once (churn: connects in progress at once, default 64)
 * @param ratePerSecond      churn, flood: new connections per second
 * @param openPerSecond      slowloris, slow-body, slow-reader, idle: how fast the connections are opened at the
 *                           start and re-opened after the server closes one (default 1000)
 * @param byteIntervalMillis slowloris, slow-body: one byte per this many ms per connection (default 1000)
 * @param path               request target (default {@code /plaintext}; slow-body {@code /work})
 * @param bodyBytes          slow-body: the {@code Content-Length} announced and trickled (default 10000)
 * @param pipeline           slow-reader: requests written back to back on each connection (default 2000)
 * @param readBytesPerSecond slow-reader: bytes read per second per connection (default 16)
 * @param receiveBufferBytes slow-reader: the client's socket receive buffer, bytes (default 4096), so the
 *                           server's writes back up instead of filling a large kernel buffer
 * @param close              churn: {@code fin}, {@code reset} or {@code both} (alternating; default)
 * @param reconnect          slowloris, slow-body, slow-reader, idle: open a new connection when the server closes
 *                           one (default true, idle false)
 */
public record BackgroundGroup(String kind, String name, Integer connections, Double ratePerSecond,
                              Double openPerSecond, Long byteIntervalMillis, String path, Integer bodyBytes,
                              Integer pipeline, Integer readBytesPerSecond, Integer receiveBufferBytes, String close,
                              Boolean reconnect) {

    /** Connections one group (and all groups of a scenario together) may hold at once. */
    public static final int MAX_CONNECTIONS = 20_000;
    /** New connections per second a rate-driven group may open at most. */
    public static final double MAX_RATE = 10_000;

    /** The kinds of hostile client. */
    public enum Kind {
        /** Header bytes at a chosen interval, never finishing the header block. */
        SLOWLORIS("slowloris"),
        /** A valid header with {@code Content-Length}, then the body trickled. */
        SLOW_BODY("slow-body"),
        /** Many pipelined requests, their responses read a few bytes per second: the server's writes back up. */
        SLOW_READER("slow-reader"),
        /** Keep-alive connections, each answered once, then silent. */
        IDLE("idle"),
        /** Connect, send half a request, close or reset, at a rate. */
        CHURN("churn"),
        /** New TCP connections at a rate that send nothing, filling the accept queue. */
        FLOOD("flood");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The spelling in scenario files and results. */
        public String id() {
            return id;
        }

        /** True for the kinds that open connections at a rate rather than holding a fixed number. */
        public boolean rateDriven() {
            return this == CHURN || this == FLOOD;
        }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.id.equals(s)) {
                    return k;
                }
            }
            return null;
        }

        static String known() {
            return String.join(", ", Arrays.stream(values()).map(Kind::id).toList());
        }
    }

    /** The kind as an enum (only on a validated group). */
    @JsonIgnore
    public Kind kindEnum() {
        return Kind.parse(kind);
    }

    /**
     * Checks a group as read from a file and fills in its defaults.
     *
     * @param at where it is, for messages, e.g. {@code scenarios/x.json: background[0]}
     * @throws ScenarioException with one line naming the group and the field
     */
    public BackgroundGroup validate(String at) throws ScenarioException {
        if (kind == null) throw new ScenarioException(at + ": needs a 'kind' (" + Kind.known() + ")");
        Kind k = Kind.parse(kind.toLowerCase(Locale.ROOT));
        if (k == null) throw new ScenarioException(at + ": unknown kind '" + kind + "'; known: " + Kind.known());
        String where = at + " (" + k.id() + "): ";
        List<String> fields = new ArrayList<>();
        if (ratePerSecond != null) fields.add("ratePerSecond");
        if (openPerSecond != null) fields.add("openPerSecond");
        if (byteIntervalMillis != null) fields.add("byteIntervalMillis");
        if (bodyBytes != null) fields.add("bodyBytes");
        if (pipeline != null) fields.add("pipeline");
        if (readBytesPerSecond != null) fields.add("readBytesPerSecond");
        if (receiveBufferBytes != null) fields.add("receiveBufferBytes");
        if (close != null) fields.add("close");
        if (reconnect != null) fields.add("reconnect");
        List<String> applies = switch (k) {
            case SLOWLORIS -> List.of("openPerSecond", "byteIntervalMillis", "reconnect");
            case SLOW_BODY -> List.of("openPerSecond", "byteIntervalMillis", "bodyBytes", "reconnect");
            case SLOW_READER -> List.of("openPerSecond", "pipeline", "readBytesPerSecond", "receiveBufferBytes",
                    "reconnect");
            case IDLE -> List.of("openPerSecond", "reconnect");
            case CHURN -> List.of("ratePerSecond", "close");
            case FLOOD -> List.of("ratePerSecond");
        };
        for (String f : fields) {
            if (!applies.contains(f)) {
                throw new ScenarioException(where + "'" + f + "' does not apply to this kind (it takes: connections, "
                        + (k == Kind.FLOOD ? "" : "path, ") + String.join(", ", applies) + ")");
            }
        }
        if (k == Kind.FLOOD && path != null) {
            throw new ScenarioException(where + "'path' does not apply to this kind (a flood sends no bytes)");
        }
        String label = name == null ? k.id() : name;
        if (label.isBlank() || !label.matches("[A-Za-z0-9._-]+")) {
            throw new ScenarioException(where + "'name' must be letters, digits, '.', '_', '-'");
        }
        Integer conns = connections;
        if (conns == null) {
            if (k != Kind.CHURN) throw new ScenarioException(where + "needs 'connections' (1.." + MAX_CONNECTIONS + ")");
            conns = 64;
        }
        if (conns < 1 || conns > MAX_CONNECTIONS) {
            throw new ScenarioException(where + "'connections' must be 1.." + MAX_CONNECTIONS + ", was " + conns);
        }
        Double rate = ratePerSecond;
        if (k.rateDriven()) {
            if (rate == null) throw new ScenarioException(where + "needs 'ratePerSecond' (new connections per second)");
            if (!(rate > 0 && rate <= MAX_RATE)) {
                throw new ScenarioException(where + "'ratePerSecond' must be > 0 and <= " + (long) MAX_RATE + ", was " + rate);
            }
        }
        double open = openPerSecond == null ? 1000 : openPerSecond;
        if (!(open > 0 && open <= MAX_CONNECTIONS)) {
            throw new ScenarioException(where + "'openPerSecond' must be > 0 and <= " + MAX_CONNECTIONS + ", was " + open);
        }
        long interval = byteIntervalMillis == null ? 1000 : byteIntervalMillis;
        if (interval < 10 || interval > 60_000) {
            throw new ScenarioException(where + "'byteIntervalMillis' must be 10..60000, was " + interval);
        }
        String p = path != null ? path : k == Kind.SLOW_BODY ? "/work" : "/plaintext";
        if (!p.startsWith("/") || !p.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ScenarioException(where + "'path' must start with '/' and hold no spaces or control characters");
        }
        int body = bodyBytes == null ? 10_000 : bodyBytes;
        if (body < 1 || body > 1 << 20) throw new ScenarioException(where + "'bodyBytes' must be 1..1048576, was " + body);
        int depth = pipeline == null ? 2000 : pipeline;
        if (depth < 1 || depth > 100_000) throw new ScenarioException(where + "'pipeline' must be 1..100000, was " + depth);
        int read = readBytesPerSecond == null ? 16 : readBytesPerSecond;
        if (read < 1 || read > 1_000_000) {
            throw new ScenarioException(where + "'readBytesPerSecond' must be 1..1000000, was " + read);
        }
        int rcvbuf = receiveBufferBytes == null ? 4096 : receiveBufferBytes;
        if (rcvbuf < 1024 || rcvbuf > 1 << 20) {
            throw new ScenarioException(where + "'receiveBufferBytes' must be 1024..1048576, was " + rcvbuf);
        }
        String how = close == null ? "both" : close.toLowerCase(Locale.ROOT);
        if (!List.of("fin", "reset", "both").contains(how)) {
            throw new ScenarioException(where + "'close' must be fin, reset or both, was '" + close + "'");
        }
        boolean again = reconnect != null ? reconnect : k != Kind.IDLE;
        return new BackgroundGroup(k.id(), label, conns, k.rateDriven() ? rate : null, open, interval, p, body, depth,
                read, rcvbuf, how, again);
    }

    /** One line for listings, e.g. {@code slowloris x1000 (1 byte / 1000 ms)}. */
    public String describe() {
        Kind k = kindEnum();
        return switch (k) {
            case SLOWLORIS -> "slowloris x" + connections + " (1 header byte / " + byteIntervalMillis + " ms)";
            case SLOW_BODY -> "slow-body x" + connections + " (" + bodyBytes + " B body, 1 byte / " + byteIntervalMillis + " ms)";
            case SLOW_READER -> "slow-reader x" + connections + " (" + pipeline + " pipelined, read " + readBytesPerSecond + " B/s)";
            case IDLE -> "idle x" + connections;
            case CHURN -> String.format(Locale.ROOT, "churn %.0f/s (%s)", ratePerSecond, close);
            case FLOOD -> String.format(Locale.ROOT, "flood %.0f/s, up to %d open", ratePerSecond, connections);
        };
    }
}

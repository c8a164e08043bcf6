package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.loadgen.scenario.Scenario;

/** What {@code bench ratio} measures: a path, over plain TCP or TLS, and the body every server must send. */
public enum Endpoint {
    PLAINTEXT("plaintext", "/plaintext", false, Scenario.PLAINTEXT_BODY),
    JSON("json", "/json", false, Scenario.JSON_BODY),
    JSON_TLS("json-tls", "/json", true, Scenario.JSON_BODY);

    private final String id;
    private final String path;
    private final boolean tls;
    private final String body;

    Endpoint(String id, String path, boolean tls, String body) {
        this.id = id;
        this.path = path;
        this.tls = tls;
        this.body = body;
    }

    /** Label in tables, files and JSON, e.g. {@code json-tls}. */
    public String id() {
        return id;
    }

    public String path() {
        return path;
    }

    public boolean tls() {
        return tls;
    }

    /** The exact response body. */
    public String body() {
        return body;
    }

    /** How a table heads it, e.g. {@code /json (TLS)}. */
    public String title() {
        return path + (tls ? " (TLS)" : "");
    }
}

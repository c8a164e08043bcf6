package dev.concurrencybench.loadgen.scenario;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated scenario: what to send, how fast and over what connections. Immutable.
 *
 * @param name                 file name without {@code .json}
 * @param description          one line for {@code bench scenarios}
 * @param rate                 default target rate, requests per second
 * @param connections          default keep-alive connections (or concurrent connects per request)
 * @param pipeline             HTTP/1.1 pipelining depth, 1 = none
 * @param tls                  whether the scenario needs TLS (the servers are started with {@code --tls})
 * @param connectionPerRequest a new connection (and TLS handshake) per request, measured
 * @param poisson              Poisson arrivals instead of a constant rate
 * @param requests             the mix, at least one
 * @param slo                  optional service-level objective, or null
 * @param background           hostile client groups that run beside the measured requests (warm-up plus
 *                             measurement); empty for an ordinary scenario
 */
public record Scenario(String name, String description, double rate, int connections, int pipeline, boolean tls,
                       boolean connectionPerRequest, boolean poisson, List<RequestSpec> requests, Slo slo,
                       List<BackgroundGroup> background) {

    public Scenario {
        background = background == null ? List.of() : List.copyOf(background);
    }

    /** A scenario without background clients. */
    public Scenario(String name, String description, double rate, int connections, int pipeline, boolean tls,
                    boolean connectionPerRequest, boolean poisson, List<RequestSpec> requests, Slo slo) {
        this(name, description, rate, connections, pipeline, tls, connectionPerRequest, poisson, requests, slo,
                List.of());
    }

    /** True when the scenario has background (hostile) clients. */
    public boolean hostile() {
        return !background.isEmpty();
    }

    /** A scenario without an SLO. */
    public Scenario(String name, String description, double rate, int connections, int pipeline, boolean tls,
                    boolean connectionPerRequest, boolean poisson, List<RequestSpec> requests) {
        this(name, description, rate, connections, pipeline, tls, connectionPerRequest, poisson, requests, null,
                List.of());
    }

    /** The wire contract's exact bodies (DESIGN.md). */
    public static final String PLAINTEXT_BODY = "Hello, World!";
    public static final String JSON_BODY = "{\"message\":\"Hello, World!\"}";

    /**
     * Encodes the mix as request templates.
     *
     * @param hostHeader the {@code Host} header value, e.g. {@code 127.0.0.1:8080}
     */
    public List<RequestTemplate> templates(String hostHeader) {
        List<RequestTemplate> out = new ArrayList<>();
        for (RequestSpec r : requests) {
            String body = null;
            if (r.work() != null) {
                ObjectNode n = JsonNodeFactory.instance.objectNode();
                n.put("cpuIterations", r.work().cpuIterations());
                n.put("ioMicros", r.work().ioMicros());
                n.put("blockMicros", r.work().blockMicros());
                n.set("payload", r.work().payload() == null ? JsonNodeFactory.instance.textNode("x") : r.work().payload());
                body = n.toString();
            } else if (r.body() != null) {
                body = r.body().toString();
            }
            String method = r.method() != null ? r.method() : (body != null ? "POST" : "GET");
            String expectBody = r.expectBody();
            String expectContains = r.expectContains();
            if (expectBody == null && expectContains == null) {
                switch (r.path()) {
                    case "/plaintext" -> expectBody = PLAINTEXT_BODY;
                    case "/json" -> expectBody = JSON_BODY;
                    case "/work" -> expectContains = "\"digest\"";
                    default -> { }
                }
            }
            out.add(RequestTemplate.http(r.name(), r.weight() == null ? 1 : r.weight(), method, hostHeader,
                    r.path(), body, r.expectStatus() == null ? 200 : r.expectStatus(), expectBody, expectContains));
        }
        return out;
    }
}

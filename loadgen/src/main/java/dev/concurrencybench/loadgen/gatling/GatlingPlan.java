package dev.concurrencybench.loadgen.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.scenario.Slo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@link BenchSimulation} needs, written as JSON beside the results ({@code gatling-plan.json}) and
 * handed to the Gatling JVM as a system property: Gatling instantiates the simulation class itself, so it cannot
 * be given constructor arguments. Immutable.
 *
 * @param baseUrl              e.g. {@code https://127.0.0.1:8443}
 * @param rate                 users (= requests) per second, open model
 * @param warmupMillis         the warm-up ramp before the measured ramp, ms (0 = none)
 * @param durationMillis       the measured ramp, ms
 * @param connectionPerRequest true: every user opens its own connection (and TLS handshake) and closes it at its
 *                             end; false: one connection pool shared by all users ({@code shareConnections})
 * @param poisson              Poisson arrivals ({@code randomized()}) instead of evenly spaced users
 * @param requestTimeoutMillis a request unanswered this long is KO, ms
 * @param requests             the request classes, at least one
 * @param slo                  the scenario's SLO, turned into Gatling assertions, or null
 */
public record GatlingPlan(String baseUrl, double rate, long warmupMillis, long durationMillis,
                          boolean connectionPerRequest, boolean poisson, long requestTimeoutMillis,
                          List<Request> requests, Slo slo) {

    /** The system property naming the plan file in the Gatling JVM. */
    public static final String PROPERTY = "concurrencybench.gatling.plan";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One request class; Gatling records it under {@code name}.
     *
     * @param name           class name, unique in the plan
     * @param weight         relative frequency, &gt; 0
     * @param method         {@code GET} or {@code POST}
     * @param path           request target
     * @param body           JSON body or null
     * @param expectStatus   status every response must have
     * @param expectBody     exact body every response must have, or null
     * @param expectContains substring every response body must contain, or null
     */
    public record Request(String name, double weight, String method, String path, String body, int expectStatus,
                          String expectBody, String expectContains) {
    }

    public GatlingPlan {
        requests = List.copyOf(requests);
        if (requests.isEmpty()) throw new IllegalArgumentException("a plan needs at least one request");
        if (!(rate > 0)) throw new IllegalArgumentException("rate must be > 0 requests/s");
        if (durationMillis < 1) throw new IllegalArgumentException("duration must be at least 1 ms");
    }

    /**
     * Why Gatling cannot run a scenario faithfully, or null when it can. Pipelining has no Gatling equivalent
     * (its HTTP/1.1 client sends one request per connection at a time), and approximating it silently would
     * measure something else under the scenario's name.
     */
    public static String unsupportedReason(Scenario s) {
        if (s.pipeline() > 1) {
            return "scenario '" + s.name() + "' pipelines " + s.pipeline()
                    + " requests per connection; Gatling's HTTP client cannot pipeline";
        }
        if (s.hostile()) {
            return "scenario '" + s.name() + "' has background (hostile) clients, which only the precise driver runs";
        }
        return null;
    }

    /**
     * The plan of a scenario against a loopback server.
     *
     * @param s              the scenario; {@link #unsupportedReason} must be null
     * @param host           target host, e.g. {@code 127.0.0.1}
     * @param port           target port
     * @param tls            https
     * @param rate           requests/s
     * @param warmupNanos    warm-up, ns
     * @param durationNanos  measurement, ns
     */
    public static GatlingPlan of(Scenario s, String host, int port, boolean tls, double rate, long warmupNanos,
                                 long durationNanos) {
        String reason = unsupportedReason(s);
        if (reason != null) throw new IllegalArgumentException(reason);
        String hostPort = host + ":" + port;
        List<Request> requests = new ArrayList<>();
        for (RequestTemplate t : s.templates(hostPort)) {
            requests.add(fromTemplate(t));
        }
        return new GatlingPlan((tls ? "https://" : "http://") + hostPort, rate, warmupNanos / 1_000_000,
                durationNanos / 1_000_000, s.connectionPerRequest(), s.poisson(), 10_000, requests, s.slo());
    }

    /** A request class from the precise driver's pre-encoded template (the same method, path, body and checks). */
    public static Request fromTemplate(RequestTemplate t) {
        String raw = new String(t.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        int sp1 = raw.indexOf(' ');
        int sp2 = raw.indexOf(' ', sp1 + 1);
        int headEnd = raw.indexOf("\r\n\r\n");
        String body = headEnd + 4 < raw.length() ? raw.substring(headEnd + 4) : null;
        return new Request(t.name(), t.weight(), raw.substring(0, sp1), raw.substring(sp1 + 1, sp2), body,
                t.expectStatus(), t.expectBody(), t.expectContains());
    }

    /** Writes the plan as JSON. */
    public void write(Path file) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    /** Reads a plan written by {@link #write}. */
    public static GatlingPlan read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), GatlingPlan.class);
    }
}

package dev.concurrencybench.loadgen.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Gatling simulation of the suite, built from a {@link GatlingPlan} named by the system property
 * {@value GatlingPlan#PROPERTY}. Open model: {@code constantUsersPerSec(rate)} for the warm-up (population
 * {@value #WARMUP}), then again for the measurement (population {@value #MEASURE}, which waits out the warm-up
 * with {@code nothingFor}); every user sends one request and ends. The first measured user's start marks the
 * measurement window, against which each request's start time decides whether it is measured. A mix becomes a {@code randomSwitch} whose branches carry the class names, so Gatling reports
 * each class on its own.
 *
 * <p>Checks: the expected status on every response, and the expected body (exact or substring) on every
 * response too, a superset of the precise driver's one-in-16 sample, so that the count of checked bodies is exact
 * (Gatling's log does not say which responses a sampled check looked at). Gatling's HTTP warm-up request (to an
 * outside host) is disabled. TLS trusts any certificate (Gatling's default), as the servers' are self-signed.
 *
 * <p>Instantiated by Gatling, in the Gatling JVM, on Gatling's thread; not used by the suite's own JVM.
 */
public final class BenchSimulation extends Simulation {

    /** Scenario (population) name of the warm-up users. */
    public static final String WARMUP = "warmup";

    /** Scenario (population) name of the measured users. */
    public static final String MEASURE = "measure";

    private final GatlingPlan plan = loadPlan();

    /** Builds the simulation; Gatling calls this through reflection. */
    public BenchSimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl()).disableWarmUp()
                .userAgentHeader("concurrency-bench-gatling");
        if (!plan.connectionPerRequest()) {
            protocol = protocol.shareConnections();
        }
        ChainBuilder requests = chain(plan.requests());
        List<PopulationBuilder> populations = new ArrayList<>();
        if (plan.warmupMillis() > 0) {
            populations.add(scenario(WARMUP).exec(requests).injectOpen(step(plan.rate(), plan.warmupMillis())));
        }
        // the measured population starts when the warm-up ends; its first user marks the measurement window
        List<OpenInjectionStep> measured = new ArrayList<>();
        if (plan.warmupMillis() > 0) {
            measured.add(nothingFor(Duration.ofMillis(plan.warmupMillis())));
        }
        measured.add(step(plan.rate(), plan.durationMillis()));
        populations.add(scenario(MEASURE).exec(requests).injectOpen(measured));
        SetUp setUp = setUp(populations).protocols(protocol);
        List<Assertion> assertions = assertions(plan);
        if (!assertions.isEmpty()) {
            setUp.assertions(assertions);
        }
    }

    private OpenInjectionStep step(double rate, long millis) {
        OpenInjectionStep.ConstantRate.ConstantRateOpenInjectionStep s =
                constantUsersPerSec(rate).during(Duration.ofMillis(millis));
        return plan.poisson() ? s.randomized() : s;
    }

    private static GatlingPlan loadPlan() {
        String file = System.getProperty(GatlingPlan.PROPERTY);
        if (file == null) {
            throw new IllegalStateException("system property " + GatlingPlan.PROPERTY + " (the plan file) is not set");
        }
        try {
            return GatlingPlan.read(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Gatling plan " + file, e);
        }
    }

    private static ChainBuilder chain(List<GatlingPlan.Request> requests) {
        if (requests.size() == 1) {
            return exec(request(requests.get(0)));
        }
        double total = requests.stream().mapToDouble(GatlingPlan.Request::weight).sum();
        List<Choice.WithWeight> choices = new ArrayList<>();
        for (GatlingPlan.Request r : requests) {
            // percentages summing to 100 (within Gatling's 1e-6 tolerance): no user falls through unserved
            choices.add(percent(100.0 * r.weight() / total).then(exec(request(r))));
        }
        return exec(io.gatling.javaapi.core.CoreDsl.randomSwitch().on(choices));
    }

    private static HttpRequestActionBuilder request(GatlingPlan.Request r) {
        HttpRequestActionBuilder b = r.method().equals("POST")
                ? http(r.name()).post(r.path()) : http(r.name()).get(r.path());
        if (r.body() != null) {
            b = b.body(StringBody(r.body())).asJson();
        }
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(status().is(r.expectStatus()));
        if (r.expectBody() != null) {
            checks.add(bodyString().is(r.expectBody()));
        }
        if (r.expectContains() != null) {
            checks.add(substring(r.expectContains()).exists());
        }
        return b.check(checks);
    }

    /**
     * The SLO as Gatling assertions. Latencies are whole milliseconds in Gatling, and for whole-ms values
     * {@code v <= x} holds exactly when {@code v <= floor(x)}, so the bound is floored, not rounded.
     */
    static List<Assertion> assertions(GatlingPlan plan) {
        List<Assertion> out = new ArrayList<>();
        if (plan.slo() == null) {
            return out;
        }
        if (plan.slo().p99Millis() != null) {
            out.add(global().responseTime().percentile(99).lte((int) Math.floor(plan.slo().p99Millis())));
        }
        if (plan.slo().maxErrorPercent() != null) {
            out.add(global().failedRequests().percent().lte(plan.slo().maxErrorPercent()));
        }
        return out;
    }
}

package dev.concurrencybench.loadgen.scenario;

import java.util.List;

/** The JSON shape of a scenario file; nulls are "use the default". See {@link Scenario} for the fields. */
record ScenarioFile(String description, Double rate, Integer connections, Integer pipeline, Boolean tls,
                    Boolean connectionPerRequest, Boolean poisson, List<RequestSpec> requests, Slo slo,
                    List<BackgroundGroup> background) {
}

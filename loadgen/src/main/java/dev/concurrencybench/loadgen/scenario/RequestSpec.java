package dev.concurrencybench.loadgen.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request class of a scenario, as written in its file.
 *
 * @param name           class name, e.g. {@code cheap}; latency is recorded per class too
 * @param weight         relative frequency in the mix, &gt; 0 (default 1)
 * @param method         {@code GET} or {@code POST} (default: POST when there is a body or work, else GET)
 * @param path           request target, starting with {@code /}
 * @param work           for {@code /work}: {@code cpuIterations}, {@code ioMicros}, {@code blockMicros},
 *                       optional {@code payload}; becomes the JSON body
 * @param body           a literal JSON body instead of {@code work}
 * @param expectStatus   expected status (default 200)
 * @param expectBody     exact expected body (default: the wire contract's for /plaintext and /json)
 * @param expectContains expected body substring (default for /work: {@code "digest"})
 */
public record RequestSpec(String name, Double weight, String method, String path, Work work, JsonNode body,
                          Integer expectStatus, String expectBody, String expectContains) {

    /**
     * The {@code /work} parameters.
     *
     * @param cpuIterations rounds of real computation over the payload, &ge; 0
     * @param ioMicros      non-blocking wait in the model's own idiom, µs, &ge; 0
     * @param blockMicros   deliberately blocking wait on the handling thread, µs, &ge; 0
     * @param payload       any JSON, sent along (default {@code "x"})
     */
    public record Work(@JsonProperty("cpuIterations") long cpuIterations, @JsonProperty("ioMicros") long ioMicros,
                       @JsonProperty("blockMicros") long blockMicros, @JsonProperty("payload") JsonNode payload) {
    }
}

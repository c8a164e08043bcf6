package dev.concurrencybench.pipeline.json;

/**
 * A decoded {@code POST /work} body, bounds already checked.
 *
 * @param cpuIterations rounds of chained SHA-256, 0..{@value JsonCodec#MAX_CPU_ITERATIONS}
 * @param ioMicros      non-blocking I/O wait in µs, 0..{@value JsonCodec#MAX_WAIT_MICROS}
 * @param blockMicros   deliberately blocking wait in µs, 0..{@value JsonCodec#MAX_WAIT_MICROS}
 * @param payload       the {@code payload} value re-serialised compactly (UTF-8); empty when absent
 */
public record WorkRequest(long cpuIterations, long ioMicros, long blockMicros, byte[] payload) {}

package dev.concurrencybench.pipeline.json;

/**
 * The {@code POST /work} response body.
 *
 * @param digest        lower-case hex SHA-256 after the last CPU round
 * @param payloadBytes  size of the re-serialised payload in bytes
 * @param cpuIterations echoed
 * @param ioMicros      echoed, µs
 * @param blockMicros   echoed, µs
 */
public record WorkResult(String digest, int payloadBytes, long cpuIterations, long ioMicros, long blockMicros) {}

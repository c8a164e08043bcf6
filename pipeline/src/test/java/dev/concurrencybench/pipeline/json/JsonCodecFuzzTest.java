package dev.concurrencybench.pipeline.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the {@code /work} body decoder. Invariants for every input: the only exception is
 * {@link JsonDecodeException} with a message; an accepted body has every parameter within its bound (so no input
 * buys unbounded work), and a second, plain reading of the same bytes finds the same parameters and payload.
 */
class JsonCodecFuzzTest {

    private static final JsonCodec CODEC = new JsonCodec();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void decodeWork(byte[] body) throws IOException {
        WorkRequest work;
        try {
            work = CODEC.decodeWork(body);
        } catch (JsonDecodeException e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertTrue(work.cpuIterations() >= 0 && work.cpuIterations() <= JsonCodec.MAX_CPU_ITERATIONS);
        assertTrue(work.ioMicros() >= 0 && work.ioMicros() <= JsonCodec.MAX_WAIT_MICROS);
        assertTrue(work.blockMicros() >= 0 && work.blockMicros() <= JsonCodec.MAX_WAIT_MICROS);
        JsonNode again = PLAIN.readTree(body);
        assertEquals(again.path("cpuIterations").asLong(0), work.cpuIterations());
        assertEquals(again.path("ioMicros").asLong(0), work.ioMicros());
        assertEquals(again.path("blockMicros").asLong(0), work.blockMicros());
        JsonNode payload = again.get("payload");
        if (payload == null) {
            assertEquals(0, work.payload().length);
        } else {
            assertEquals(payload, PLAIN.readTree(work.payload()), "payload re-serialised differently");
        }
    }
}

package dev.concurrencybench.pipeline.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Every JSON byte the suite reads or writes, on Jackson.
 *
 * <p>Threading: immutable after construction; one instance serves every thread ({@link ObjectMapper} is
 * thread-safe once configured).
 */
public final class JsonCodec {

    /** Upper bound of {@code cpuIterations}: about 0.3 s of SHA-256 on one core. */
    public static final long MAX_CPU_ITERATIONS = 1_000_000;
    /** Upper bound of {@code ioMicros} and {@code blockMicros}: 10 s. */
    public static final long MAX_WAIT_MICROS = 10_000_000;

    private static final Set<String> WORK_FIELDS = Set.of("cpuIterations", "ioMicros", "blockMicros", "payload");

    private record Message(String message) {}

    private record ErrorBody(String error) {}

    private final ObjectMapper mapper;
    /** Writers bound to their type up front, so a response skips the root serializer lookup. */
    private final ObjectWriter messageWriter;
    private final ObjectWriter errorWriter;
    private final ObjectWriter workWriter;

    public JsonCodec() {
        // Nesting depth bounded well below Jackson's default so a hostile body cannot cost deep recursion.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                .build();
        // "{} x" is not a JSON document: refuse trailing content instead of silently reading the first value.
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.messageWriter = mapper.writerFor(Message.class);
        this.errorWriter = mapper.writerFor(ErrorBody.class);
        this.workWriter = mapper.writerFor(WorkResult.class);
    }

    /** {@code {"message":"Hello, World!"}}, serialised afresh on every call (TechEmpower's rule). */
    public byte[] helloMessage() {
        return write(messageWriter, new Message("Hello, World!"));
    }

    /** {@code {"error":"…"}} with the message JSON-escaped. */
    public byte[] errorBody(String message) {
        return write(errorWriter, new ErrorBody(message));
    }

    public byte[] workResult(WorkResult result) {
        return write(workWriter, result);
    }

    /**
     * Decodes and bounds-checks a {@code /work} body.
     *
     * @throws JsonDecodeException malformed JSON, not an object, unknown or non-integer fields, values out of range
     */
    public WorkRequest decodeWork(byte[] body) throws JsonDecodeException {
        // RFC 8259 §8.1: JSON exchanged between systems MUST be UTF-8. Checked here, before Jackson, because
        // fuzzing found a body with an invalid byte in a member name that Jackson refused in a fresh JVM but
        // accepted after other documents had filled its shared name table: acceptance must not depend on history.
        if (!isUtf8(body)) throw new JsonDecodeException("malformed JSON: not UTF-8");
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new JsonDecodeException("malformed JSON");
        }
        if (!(root instanceof ObjectNode obj)) throw new JsonDecodeException("body must be a JSON object");
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!WORK_FIELDS.contains(name)) throw new JsonDecodeException("unknown field: " + truncate(name));
        }
        long cpu = bounded(obj, "cpuIterations", MAX_CPU_ITERATIONS);
        long io = bounded(obj, "ioMicros", MAX_WAIT_MICROS);
        long block = bounded(obj, "blockMicros", MAX_WAIT_MICROS);
        JsonNode payload = obj.get("payload");
        // Numbers are read as IEEE doubles; one beyond their range would come back from re-serialisation as the
        // string "Infinity", changing what is hashed (found by fuzzing). Such a payload cannot be echoed: refuse it.
        if (payload != null && hasNonFiniteNumber(payload)) throw new JsonDecodeException("payload number out of range");
        byte[] payloadBytes = payload == null ? new byte[0] : writeTree(payload);
        return new WorkRequest(cpu, io, block, payloadBytes);
    }

    private static long bounded(ObjectNode obj, String field, long max) throws JsonDecodeException {
        JsonNode n = obj.get(field);
        if (n == null) return 0;
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new JsonDecodeException(field + " must be an integer in 0.." + max);
        }
        long v = n.longValue();
        if (v < 0 || v > max) throw new JsonDecodeException(field + " must be in 0.." + max + ", was " + v);
        return v;
    }

    /** True if a number anywhere in {@code node} overflowed to an infinity; depth is bounded by the parser's limit. */
    private static boolean hasNonFiniteNumber(JsonNode node) {
        if (node.isFloatingPointNumber()) return !Double.isFinite(node.doubleValue());
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasNonFiniteNumber(child)) return true;
            }
        }
        return false;
    }

    /** Well-formed UTF-8 (RFC 3629 §4): no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= b.length) return false;
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) return false;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            i += n + 1;
        }
        return true;
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private byte[] writeTree(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-serialising a parsed tree cannot fail", e);
        }
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serialising a record cannot fail", e);
        }
    }
}

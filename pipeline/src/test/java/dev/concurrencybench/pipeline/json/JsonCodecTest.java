package dev.concurrencybench.pipeline.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decode stage's contract for {@code POST /work} bodies — defaults, bounds, strictness — and the exact bytes of
 * the bodies the suite writes.
 */
class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    private WorkRequest decode(String body) throws JsonDecodeException {
        return codec.decodeWork(body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRejected(String body) {
        assertThrows(JsonDecodeException.class, () -> decode(body), body);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** RFC 8259 §8.1 (found by JsonCodecFuzzTest: Jackson's acceptance of such bytes depended on earlier bodies). */
    @ParameterizedTest
    @ValueSource(strings = {"ff", "c0af", "e080af", "eda080", "f4908080", "c3", "e282", "80", "f8888080"})
    void bodiesThatAreNotUtf8AreRejected(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] prefix = "{\"payload\":{\"bloc".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "ns\":10}}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
        JsonDecodeException e = assertThrows(JsonDecodeException.class, () -> codec.decodeWork(body), hex);
        assertEquals("malformed JSON: not UTF-8", e.getMessage());
    }

    /** Found by JsonCodecFuzzTest: such a number came back as the string "Infinity" in the hashed payload. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"payload\":4E400}", "{\"payload\":[1,{\"a\":-1e999}]}", "{\"payload\":{\"x\":1.8e308}}"})
    void payloadNumbersBeyondDoubleRangeAreRejected(String body) {
        JsonDecodeException e = assertThrows(JsonDecodeException.class, () -> decode(body), body);
        assertEquals("payload number out of range", e.getMessage());
    }

    @Test
    void largeButFinitePayloadNumbersAreKept() throws JsonDecodeException {
        assertEquals("[1.7E308,123456789012345678901234567890]",
                utf8(decode("{\"payload\":[1.7e308,123456789012345678901234567890]}").payload()));
    }

    @Test
    void wellFormedUtf8OfEveryLengthIsAccepted() throws JsonDecodeException {
        String text = "a\u00e9\u20ac\ud83d\ude00\uffff\u0800\u0080";
        WorkRequest w = decode("{\"payload\":\"" + text + "\"}");
        try {
            assertEquals(text, new ObjectMapper().readTree(w.payload()).asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void decodesEveryFieldAndReserialisesThePayloadCompactly() throws JsonDecodeException {
        WorkRequest w = decode("{ \"cpuIterations\" : 7, \"ioMicros\": 250, \"blockMicros\": 3,\n"
                + "  \"payload\": { \"a\" : [1, 2, \"x y\"], \"b\": null } }");
        assertEquals(7, w.cpuIterations());
        assertEquals(250, w.ioMicros());
        assertEquals(3, w.blockMicros());
        assertEquals("{\"a\":[1,2,\"x y\"],\"b\":null}", utf8(w.payload()));
    }

    @Test
    void missingFieldsAreZeroAndMissingPayloadIsEmpty() throws JsonDecodeException {
        WorkRequest w = decode("{}");
        assertEquals(0, w.cpuIterations());
        assertEquals(0, w.ioMicros());
        assertEquals(0, w.blockMicros());
        assertArrayEquals(new byte[0], w.payload());
    }

    @Test
    void payloadMayBeAnyJsonValue() throws JsonDecodeException {
        assertEquals("\"caf\u00e9 \u2603\"", utf8(decode("{\"payload\":\"caf\u00e9 \u2603\"}").payload()));
        assertEquals("42", utf8(decode("{\"payload\":42}").payload()));
        assertEquals("null", utf8(decode("{\"payload\":null}").payload()));
        assertEquals("[]", utf8(decode("{\"payload\":[ ]}").payload()));
    }

    @Test
    void boundsAreInclusive() throws JsonDecodeException {
        WorkRequest w = decode("{\"cpuIterations\":" + JsonCodec.MAX_CPU_ITERATIONS + ",\"ioMicros\":"
                + JsonCodec.MAX_WAIT_MICROS + ",\"blockMicros\":" + JsonCodec.MAX_WAIT_MICROS + "}");
        assertEquals(1_000_000, w.cpuIterations());
        assertEquals(10_000_000, w.ioMicros());
        assertEquals(10_000_000, w.blockMicros());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpuIterations", "ioMicros", "blockMicros"})
    void everyBoundIsEnforced(String field) {
        long max = field.equals("cpuIterations") ? JsonCodec.MAX_CPU_ITERATIONS : JsonCodec.MAX_WAIT_MICROS;
        for (String value : new String[] {"-1", "-9223372036854775808", String.valueOf(max + 1),
                "9223372036854775807", "99999999999999999999999999", "1.0", "1.5", "1e3", "-0.0",
                "\"5\"", "true", "null", "[1]", "{\"v\":1}"}) {
            String body = "{\"" + field + "\":" + value + "}";
            JsonDecodeException e = assertThrows(JsonDecodeException.class, () -> decode(body), body);
            assertTrue(e.getMessage().startsWith(field), e.getMessage());
        }
    }

    @Test
    void unknownFieldIsRejected() {
        JsonDecodeException e = assertThrows(JsonDecodeException.class, () -> decode("{\"cpuIteration\":1}"));
        assertEquals("unknown field: cpuIteration", e.getMessage());
    }

    @Test
    void unknownFieldNameIsTruncatedInTheMessage() {
        String name = "n".repeat(1_000);
        JsonDecodeException e = assertThrows(JsonDecodeException.class, () -> decode("{\"" + name + "\":1}"));
        assertTrue(e.getMessage().length() < 100, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"cpuIterations\":1", "{\"cpuIterations\" 1}", "{'cpuIterations':1}",
            "{cpuIterations:1}", "{\"cpuIterations\":1,}", "{\"payload\":[1,]}", "\u00ff\u00fe", "{\"payload\":01}",
            "{\"payload\":NaN}"})
    void malformedJsonIsRejected(String body) {
        assertRejected(body);
    }
    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}{}", "{\"cpuIterations\":1}]", "{\"cpuIterations\":1} {\"cpuIterations\":2}"})
    void trailingContentIsRejected(String body) {
        assertRejected(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"cpuIterations\":1}]", "1", "\"{}\"", "null", "true"})
    void nonObjectIsRejected(String body) {
        assertRejected(body);
    }

    @Test
    void nestingBeyondTheLimitIsRejectedWithoutStackOverflow() {
        // Well past the limit of 200, and deep enough that unbounded recursion would overflow a default stack.
        int depth = 100_000;
        String deep = "{\"payload\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertRejected(deep);
        String deepObjects = "{\"payload\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
        assertRejected(deepObjects);
    }

    @Test
    void nestingWithinTheLimitIsAccepted() throws JsonDecodeException {
        String nested = "[".repeat(150) + "]".repeat(150);
        assertEquals(nested, utf8(decode("{\"payload\":" + nested + "}").payload()));
    }

    @Test
    void errorBodyEscapesEverythingJsonRequires() throws IOException {
        StringBuilder message = new StringBuilder("quote \" backslash \\ slash / newline \n tab \t nul \0 del \u007f ");
        for (char c = 1; c < 0x20; c++) message.append(c);
        message.append(" caf\u00e9 \u2603 \uD83D\uDE00 \u2028");
        byte[] body = codec.errorBody(message.toString());
        for (byte b : body) assertTrue((b & 0xff) >= 0x20, "no raw control character in the JSON text");
        JsonNode parsed = new ObjectMapper().readTree(body);
        assertEquals(1, parsed.size());
        assertEquals(message.toString(), parsed.get("error").textValue());
    }

    @Test
    void errorBodyExactBytes() {
        assertEquals("{\"error\":\"a \\\"b\\\"\\n\"}", utf8(codec.errorBody("a \"b\"\n")));
    }

    @Test
    void helloMessageExactBytesFreshEachCall() {
        byte[] first = codec.helloMessage();
        assertArrayEquals("{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII), first);
        byte[] second = codec.helloMessage();
        assertArrayEquals(first, second);
        assertNotSame(first, second, "serialised per request (TechEmpower's rule)");
    }

    @Test
    void workResultExactBytesInWireContractOrder() {
        byte[] body = codec.workResult(new WorkResult("00ff", 12, 3, 4, 5));
        assertEquals("{\"digest\":\"00ff\",\"payloadBytes\":12,\"cpuIterations\":3,\"ioMicros\":4,\"blockMicros\":5}",
                utf8(body));
    }
}

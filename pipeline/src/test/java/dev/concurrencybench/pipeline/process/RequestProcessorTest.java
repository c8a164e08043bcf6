package dev.concurrencybench.pipeline.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrencybench.pipeline.http.HttpHeaders;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.http.HttpVersion;
import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routing and the {@code /work} steps, driven through a recording {@link WaitStrategy} so each test sees exactly
 * which waits the processor asked the model for.
 */
class RequestProcessorTest {

    private final StageRecorders stages = StageRecorders.enabled();
    private final RequestProcessor processor = new RequestProcessor(new JsonCodec(), stages);
    private final RecordingWait wait = new RecordingWait();

    /** Runs everything inline, recording each call. */
    static final class RecordingWait implements WaitStrategy {
        final List<Long> ioWaits = new ArrayList<>();
        int cpuRuns;

        @Override
        public void awaitIo(long micros, Runnable resume) {
            ioWaits.add(micros);
            resume.run();
        }

        @Override
        public <T> void runCpu(Supplier<T> work, Consumer<T> resume) {
            cpuRuns++;
            resume.accept(work.get());
        }
    }

    private static HttpRequest request(String method, String target, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "a");
        if (contentType != null) headers.add("Content-Type", contentType);
        return new HttpRequest(method, target, HttpVersion.HTTP_1_1, headers,
                body.getBytes(StandardCharsets.UTF_8), true);
    }

    private HttpResponse process(HttpRequest request) {
        List<HttpResponse> responses = new ArrayList<>();
        processor.process(request, wait, responses::add);
        assertEquals(1, responses.size(), "done is called exactly once");
        return responses.get(0);
    }

    private HttpResponse work(String body) {
        return process(request("POST", "/work", "application/json", body));
    }

    private static String body(HttpResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse r, int status, String message) throws IOException {
        assertEquals(status, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals(message, new ObjectMapper().readTree(r.body()).get("error").textValue());
        assertFalse(r.close(), "framing is intact: the endpoint does not close the connection");
    }

    /** Chained SHA-256 written out independently of {@link CpuWork}, so a change of algorithm is caught. */
    private static String expectedDigest(byte[] payload, int rounds) throws NoSuchAlgorithmException {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(payload);
        for (int i = 0; i < rounds; i++) d = MessageDigest.getInstance("SHA-256").digest(d);
        return HexFormat.of().formatHex(d);
    }

    @Test
    void plaintext() {
        HttpResponse r = process(request("GET", "/plaintext", null, ""));
        assertEquals(200, r.status());
        assertEquals("text/plain", r.contentType());
        assertEquals("Hello, World!", body(r));
        assertTrue(r.extraHeaders().isEmpty());
        assertFalse(r.close());
    }

    @Test
    void json() {
        HttpResponse r = process(request("GET", "/json", null, ""));
        assertEquals(200, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals("{\"message\":\"Hello, World!\"}", body(r));
    }

    @Test
    void queryStringDoesNotChangeTheRoute() {
        assertEquals("Hello, World!", body(process(request("GET", "/plaintext?x=1&y", null, ""))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/plaintext/", "/PLAINTEXT", "/json2", "/work/x", "*"})
    void unknownPathIs404(String target) throws IOException {
        assertError(process(request("GET", target, null, "")), 404, "no such resource");
    }

    @Test
    void plaintextAndJsonAllowGetAndHeadOnly() throws IOException {
        for (String path : List.of("/plaintext", "/json")) {
            HttpResponse r = process(request("POST", path, null, ""));
            assertError(r, 405, "method not allowed");
            assertEquals(List.of(new HttpHeaders.Field("Allow", "GET, HEAD")), r.extraHeaders());
        }
    }

    /** RFC 9110 §9.3.2: HEAD gets GET's response; dropping the body is the connection's job. */
    @Test
    void headIsAnsweredAsGet() {
        for (String path : List.of("/plaintext", "/json", "/nope")) {
            HttpResponse head = process(request("HEAD", path, null, ""));
            HttpResponse get = process(request("GET", path, null, ""));
            assertEquals(get.status(), head.status(), path);
            assertEquals(get.contentType(), head.contentType(), path);
            assertEquals(body(get), body(head), path);
        }
    }

    /** RFC 9110 §9.1: unknown and unimplemented methods are 501; methods are case-sensitive. */
    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "Post", "BREW"})
    void unimplementedMethodsAre501(String method) throws IOException {
        for (String path : List.of("/plaintext", "/json", "/work", "/nope")) {
            HttpResponse r = process(request(method, path, "application/json", "{}"));
            assertError(r, 501, "method not implemented");
            assertFalse(r.close(), "the request was framed: the connection may carry on");
        }
        assertEquals(0, wait.cpuRuns);
    }

    @Test
    void absoluteFormRoutesOnItsPath() {
        assertEquals("Hello, World!", body(process(request("GET", "http://other.example:80/plaintext?q", null, ""))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD"})
    void workAllowsOnlyPost(String method) throws IOException {
        HttpResponse r = process(request(method, "/work", "application/json", "{}"));
        assertError(r, 405, "method not allowed");
        assertEquals(List.of(new HttpHeaders.Field("Allow", "POST")), r.extraHeaders());
        assertEquals(0, wait.cpuRuns);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/jsonx", "application/x-json", "json", "", "application/json+x"})
    void workRefusesNonJsonContentType(String contentType) throws IOException {
        assertError(process(request("POST", "/work", contentType, "{}")), 415,
                "Content-Type must be application/json");
        assertEquals(0, wait.cpuRuns);
    }

    @Test
    void workRefusesMissingContentType() throws IOException {
        assertError(process(request("POST", "/work", null, "{}")), 415, "Content-Type must be application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON", " application/json ",
            "application/json;charset=UTF-8"})
    void workAcceptsJsonWithParameters(String contentType) {
        assertEquals(200, process(request("POST", "/work", contentType, "{}")).status());
    }

    @Test
    void workWithABadBodyIs400WithTheReason() throws IOException {
        assertError(work("{\"cpuIterations\":-1}"), 400, "cpuIterations must be in 0..1000000, was -1");
        assertError(work("not json"), 400, "malformed JSON");
        assertEquals(0, wait.cpuRuns, "no work for a rejected body");
        assertTrue(wait.ioWaits.isEmpty());
    }

    @Test
    void workEchoesTheRequestAndDigestsThePayload() throws Exception {
        HttpResponse r = work("{\"cpuIterations\":5,\"ioMicros\":7,\"blockMicros\":1,\"payload\":{\"k\": [1, \"v\"]}}");
        assertEquals(200, r.status());
        assertEquals("application/json", r.contentType());
        byte[] compactPayload = "{\"k\":[1,\"v\"]}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"digest\":\"" + expectedDigest(compactPayload, 5) + "\",\"payloadBytes\":"
                + compactPayload.length + ",\"cpuIterations\":5,\"ioMicros\":7,\"blockMicros\":1}", body(r));
    }

    @Test
    void workWithoutPayloadDigestsTheEmptyInput() throws Exception {
        JsonNode result = new ObjectMapper().readTree(work("{}").body());
        assertEquals(expectedDigest(new byte[0], 0), result.get("digest").textValue());
        assertEquals(0, result.get("payloadBytes").intValue());
    }

    @Test
    void cpuDigestMatchesAnIndependentChainedSha256() throws Exception {
        byte[] payload = "payload \u2603".getBytes(StandardCharsets.UTF_8);
        for (int rounds : new int[] {0, 1, 2, 1000}) {
            assertEquals(expectedDigest(payload, rounds), CpuWork.chainedSha256(payload, rounds));
        }
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                CpuWork.chainedSha256(new byte[0], 0), "SHA-256 of nothing");
    }

    @Test
    void ioWaitGoesThroughTheStrategyOnceWithItsMicros() {
        work("{\"ioMicros\":1234}");
        assertEquals(List.of(1234L), wait.ioWaits);
        assertEquals(1, wait.cpuRuns);
    }

    @Test
    void noIoWaitWhenIoMicrosIsZero() {
        work("{\"cpuIterations\":2,\"ioMicros\":0,\"blockMicros\":1}");
        assertTrue(wait.ioWaits.isEmpty(), "blockMicros is not the model's I/O wait");
        assertEquals(1, wait.cpuRuns, "the CPU step always runs through the strategy");
    }

    @Test
    void responseWaitsForTheIoContinuation() {
        List<Runnable> parked = new ArrayList<>();
        WaitStrategy deferred = (micros, resume) -> parked.add(resume);
        List<HttpResponse> responses = new ArrayList<>();
        processor.process(request("POST", "/work", "application/json", "{\"ioMicros\":5}"), deferred,
                responses::add);
        assertTrue(responses.isEmpty(), "no response before the I/O wait resumes");
        assertEquals(1, parked.size());
        parked.get(0).run();
        assertEquals(1, responses.size());
        assertEquals(200, responses.get(0).status());
    }

    @Test
    void responseWaitsForTheCpuContinuation() {
        List<Runnable> parked = new ArrayList<>();
        WaitStrategy offloading = new WaitStrategy() {
            @Override
            public void awaitIo(long micros, Runnable resume) {
                resume.run();
            }

            @Override
            public <T> void runCpu(Supplier<T> work, Consumer<T> resume) {
                parked.add(() -> resume.accept(work.get()));
            }
        };
        List<HttpResponse> responses = new ArrayList<>();
        processor.process(request("POST", "/work", "application/json", "{\"cpuIterations\":1}"), offloading,
                responses::add);
        assertTrue(responses.isEmpty(), "the digest is computed where runCpu decides");
        parked.get(0).run();
        assertEquals(1, responses.size());
    }

    @Test
    void decodeIsRecordedOncePerWorkRequestAndProcessIsLeftToTheConnection() {
        stages.intervalHistogram(Stage.PROCESS);
        stages.intervalHistogram(Stage.DECODE);
        work("{}");
        process(request("GET", "/json", null, ""));
        assertEquals(1, stages.intervalHistogram(Stage.DECODE).getTotalCount());
        assertEquals(0, stages.intervalHistogram(Stage.PROCESS).getTotalCount(),
                "the connection times process, from the request parsed to its response handed back");
    }
}

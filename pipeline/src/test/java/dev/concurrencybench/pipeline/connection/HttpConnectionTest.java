package dev.concurrencybench.pipeline.connection;

import static dev.concurrencybench.pipeline.connection.Wire.bytes;
import static dev.concurrencybench.pipeline.connection.Wire.drain;
import static dev.concurrencybench.pipeline.connection.Wire.feed;
import static dev.concurrencybench.pipeline.connection.Wire.normalize;
import static dev.concurrencybench.pipeline.connection.Wire.response;
import static dev.concurrencybench.pipeline.connection.Wire.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.process.CpuWork;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plaintext {@link HttpConnection} as a server drives it: bytes in, requests out, responses in, bytes out. Each
 * test asserts the exact response bytes (the Date value aside), and whether the connection stays open.
 */
class HttpConnectionTest {

    static final String GET_PLAINTEXT = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";
    static final String GET_JSON = "GET /json HTTP/1.1\r\nHost: a\r\n\r\n";
    static final String WORK_BODY = "{\"cpuIterations\":3,\"payload\":{\"k\":[1,2]}}";
    static final String POST_WORK = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + WORK_BODY.length() + "\r\n\r\n" + WORK_BODY;
    static final String POST_WORK_CHUNKED = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "10\r\n" + WORK_BODY.substring(0, 16) + "\r\n"
            + Integer.toHexString(WORK_BODY.length() - 16) + "\r\n" + WORK_BODY.substring(16) + "\r\n0\r\n\r\n";
    static final String CL_AND_TE = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";

    static final String PLAINTEXT_OK = response("200 OK", "text/plain", "Hello, World!");
    static final String JSON_OK = response("200 OK", "application/json", "{\"message\":\"Hello, World!\"}");
    static final String WORK_OK = response("200 OK", "application/json",
            "{\"digest\":\"" + CpuWork.chainedSha256(bytes("{\"k\":[1,2]}"), 3) + "\",\"payloadBytes\":11,"
                    + "\"cpuIterations\":3,\"ioMicros\":0,\"blockMicros\":0}");
    static final String CL_AND_TE_400 = response("400 Bad Request", "application/json",
            "{\"error\":\"Content-Length and Transfer-Encoding both present\"}", "Connection: close");

    private static Pipeline pipeline;

    @BeforeAll
    static void createPipeline() throws IOException {
        pipeline = Pipeline.create(ServerConfig.builder().build());
    }

    /** Feeds {@code wire} whole, answers everything, returns the normalised output. */
    private static String exchange(HttpConnection conn, String wire) {
        feed(conn, bytes(wire));
        serve(pipeline, conn);
        return normalize(drain(conn));
    }

    @Test
    void plaintextIsAnsweredAndTheConnectionStaysOpen() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        assertEquals(PLAINTEXT_OK, exchange(conn, GET_PLAINTEXT));
        assertFalse(conn.closing());
        assertFalse(conn.hasOutput());
        assertFalse(conn.midRequest());
    }

    @Test
    void jsonIsAnswered() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        assertEquals(JSON_OK, exchange(conn, GET_JSON));
        assertFalse(conn.closing());
    }

    @Test
    void workWithContentLengthAndChunkedBodiesGiveTheSameAnswer() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        assertEquals(WORK_OK, exchange(conn, POST_WORK));
        assertEquals(WORK_OK, exchange(conn, POST_WORK_CHUNKED));
        assertFalse(conn.closing());
    }

    @Test
    void unknownPathIsA404ThatKeepsTheConnection() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        assertEquals(response("404 Not Found", "application/json", "{\"error\":\"no such resource\"}"),
                exchange(conn, "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertFalse(conn.closing(), "framing is intact: no reason to close");
        assertEquals(PLAINTEXT_OK, exchange(conn, GET_PLAINTEXT));
    }

    @Test
    void connectionCloseIsHonouredAndLaterPipelinedRequestsAreNotAnswered() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        String out = exchange(conn, "GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" + GET_JSON);
        assertEquals(response("200 OK", "text/plain", "Hello, World!", "Connection: close"), out);
        assertTrue(conn.closing());
        assertNull(conn.nextRequest());
    }

    @Test
    void http10ClosesByDefault() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        assertEquals(response("200 OK", "text/plain", "Hello, World!", "Connection: close"),
                exchange(conn, "GET /plaintext HTTP/1.0\r\n\r\n"));
        assertTrue(conn.closing());
    }

    @Test
    void http10GetsKeepAliveOnlyWhenItAsks() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        String keepAlive = "GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        String expected = response("200 OK", "text/plain", "Hello, World!", "Connection: keep-alive");
        assertEquals(expected, exchange(conn, keepAlive));
        assertFalse(conn.closing());
        assertEquals(expected, exchange(conn, keepAlive));
        assertFalse(conn.closing());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET_JSON + POST_WORK + GET_PLAINTEXT + POST_WORK_CHUNKED + GET_JSON));
        List<HttpRequest> served = serve(pipeline, conn);
        assertEquals(List.of("/json", "/work", "/plaintext", "/work", "/json"),
                served.stream().map(HttpRequest::target).toList());
        assertEquals(JSON_OK + WORK_OK + PLAINTEXT_OK + WORK_OK + JSON_OK, normalize(drain(conn)));
        assertFalse(conn.closing());
    }

    @Test
    void rejectedRequestIsA400JsonErrorThenClose() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET_PLAINTEXT + CL_AND_TE + GET_JSON));
        List<HttpRequest> served = serve(pipeline, conn);
        assertEquals(1, served.size(), "only the request before the rejected one is answered");
        assertTrue(conn.closing());
        assertNull(conn.nextRequest());
        assertEquals(PLAINTEXT_OK + CL_AND_TE_400, normalize(drain(conn)));
    }

    @Test
    void endOfInputAfterACompleteRequestStillAnswersIt() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET_PLAINTEXT + GET_JSON));
        conn.endOfInput();
        assertEquals(2, serve(pipeline, conn).size());
        assertTrue(conn.closing(), "input ended and nothing more is buffered");
        assertEquals(PLAINTEXT_OK + JSON_OK, normalize(drain(conn)));
    }

    @Test
    void endOfInputMidRequestClosesWithoutAnAnswer() throws IOException {
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET_PLAINTEXT.substring(0, 20)));
        assertNull(conn.nextRequest());
        assertTrue(conn.midRequest());
        assertFalse(conn.closing());
        conn.endOfInput();
        assertNull(conn.nextRequest());
        assertTrue(conn.closing());
        assertFalse(conn.hasOutput());
    }

    @Test
    void bodyLargerThanTheInboundBufferIsAssembled() throws IOException {
        String payload = "x".repeat(20_000);
        String body = "{\"cpuIterations\":1,\"payload\":\"" + payload + "\"}";
        String wire = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        HttpConnection conn = pipeline.newConnection();
        String expected = response("200 OK", "application/json",
                "{\"digest\":\"" + CpuWork.chainedSha256(bytes('"' + payload + '"'), 1) + "\",\"payloadBytes\":"
                        + (payload.length() + 2) + ",\"cpuIterations\":1,\"ioMicros\":0,\"blockMicros\":0}");
        assertEquals(expected, exchange(conn, wire));
    }

    @Test
    void overloadResponseIsA503ThatCloses() {
        assertEquals(response("503 Service Unavailable", "application/json", "{\"error\":\"server overloaded\"}",
                "Connection: close"), normalize(pipeline.serviceUnavailableResponse()));
    }

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("plaintext", GET_PLAINTEXT, PLAINTEXT_OK, false),
                Arguments.of("json", GET_JSON, JSON_OK, false),
                Arguments.of("work, Content-Length", POST_WORK, WORK_OK, false),
                Arguments.of("work, chunked", POST_WORK_CHUNKED, WORK_OK, false),
                Arguments.of("HTTP/1.0 keep-alive", "GET /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
                        response("200 OK", "application/json", "{\"message\":\"Hello, World!\"}",
                                "Connection: keep-alive"), false),
                Arguments.of("pipelined", GET_JSON + POST_WORK + GET_PLAINTEXT, JSON_OK + WORK_OK + PLAINTEXT_OK,
                        false),
                Arguments.of("close", "GET /json HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" + GET_JSON,
                        response("200 OK", "application/json", "{\"message\":\"Hello, World!\"}",
                                "Connection: close"), true),
                Arguments.of("rejected", GET_JSON + CL_AND_TE, JSON_OK + CL_AND_TE_400, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void everySplitOffsetGivesTheSameResponse(String name, String wire, String expected, boolean closes)
            throws IOException {
        byte[] b = bytes(wire);
        for (int at = 0; at <= b.length; at++) {
            HttpConnection conn = pipeline.newConnection();
            feed(conn, b, 0, at);
            serve(pipeline, conn);
            String first = normalize(drain(conn));
            feed(conn, b, at, b.length);
            serve(pipeline, conn);
            String whole = first + normalize(drain(conn));
            assertEquals(expected, whole, "split at " + at);
            assertEquals(closes, conn.closing(), "closing() when split at " + at);
        }
    }
}

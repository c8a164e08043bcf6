package dev.concurrencybench.pipeline.connection;

import static dev.concurrencybench.pipeline.connection.Wire.bytes;
import static dev.concurrencybench.pipeline.connection.Wire.drain;
import static dev.concurrencybench.pipeline.connection.Wire.feed;
import static dev.concurrencybench.pipeline.connection.Wire.normalize;
import static dev.concurrencybench.pipeline.connection.Wire.response;
import static dev.concurrencybench.pipeline.connection.Wire.serve;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.CpuWork;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@link HttpConnection} with TLS on, talking to a real JDK client engine in memory. The server sees exactly the
 * client's ciphertext, delivered in arbitrary pieces, as a socket would: the handshake flights and the first
 * application record are fed split at every byte offset, and must give the same request and response every time.
 */
class HttpConnectionTlsTest {

    static final String GET_JSON = "GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n";
    static final String JSON_OK = response("200 OK", "application/json", "{\"message\":\"Hello, World!\"}");

    private static final Map<String, Pipeline> PIPELINES = new HashMap<>();

    @BeforeAll
    static void createPipelines() throws IOException {
        // The self-signed certificate is generated once per pipeline: build each protocol's pipeline once.
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            PIPELINES.put(protocol, Pipeline.create(ServerConfig.builder()
                    .tls(new TlsSettings(true, protocol, null, null)).build()));
        }
    }

    /**
     * Runs the handshake to completion, feeding client flight number {@code splitFlight} (0 = ClientHello) in two
     * pieces cut at {@code splitAt}.
     *
     * @return the length of that flight, or -1 if the client sent fewer flights
     */
    private static int handshake(HttpConnection conn, TlsClient client, int splitFlight, int splitAt)
            throws IOException {
        int splitLength = -1;
        int flightNo = 0;
        byte[] toServer = client.flight();
        for (int round = 0; round < 10; round++) {
            if (toServer.length > 0) {
                if (flightNo == splitFlight) {
                    splitLength = toServer.length;
                    int at = Math.min(splitAt, toServer.length);
                    feed(conn, toServer, 0, at);
                    assertNull(conn.nextRequest());
                    if (at < toServer.length) {
                        assertFalse(conn.hasOutput(), "a partial flight gets no answer yet (cut at " + at + ")");
                    }
                    feed(conn, toServer, at, toServer.length);
                } else {
                    feed(conn, toServer);
                }
                assertNull(conn.nextRequest());
                assertFalse(conn.closing(), "handshake failed, flight " + flightNo + " cut at " + splitAt);
                flightNo++;
            }
            byte[] toClient = drain(conn);
            if (toServer.length == 0 && toClient.length == 0) break;
            assertEquals(0, client.unwrap(toClient).length, "no application data during the handshake");
            toServer = client.flight();
        }
        assertTrue(client.handshakeDone(), "client handshake complete");
        assertFalse(conn.midRequest(), "server handshake complete");
        return splitLength;
    }

    private static HttpConnection connect(Pipeline pipeline, TlsClient client) throws IOException {
        HttpConnection conn = pipeline.newConnection();
        handshake(conn, client, -1, 0);
        return conn;
    }

    /** Sends {@code request} in one wrap, answers everything, returns the normalised decrypted output. */
    private static String exchange(Pipeline pipeline, HttpConnection conn, TlsClient client, String request)
            throws IOException {
        feed(conn, client.wrap(bytes(request)));
        serve(pipeline, conn);
        return normalize(client.unwrap(drain(conn)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeThenRequestsOnOneConnection(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        assertEquals(protocol, client.engine().getSession().getProtocol());

        feed(conn, client.wrap(bytes(GET_JSON)));
        HttpRequest request = conn.nextRequest();
        assertNotNull(request);
        assertEquals("GET", request.method());
        assertEquals("/json", request.target());
        assertEquals("localhost", request.headers().get("Host"));
        assertNull(conn.nextRequest());
        pipeline.processor().process(request, dev.concurrencybench.pipeline.process.WaitStrategy.BLOCKING,
                r -> conn.respond(request, r));
        assertEquals(JSON_OK, normalize(client.unwrap(drain(conn))));
        assertFalse(conn.closing());

        assertEquals(JSON_OK, exchange(pipeline, conn, client, GET_JSON), "keep-alive: a second request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void pipelinedRequestsInOneRecordAreAnsweredInOrder(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        String plaintext = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";
        assertEquals(JSON_OK + response("200 OK", "text/plain", "Hello, World!") + JSON_OK,
                exchange(pipeline, conn, client, GET_JSON + plaintext + GET_JSON));
    }

    /**
     * The ClientHello cut at every offset. It is the same bytes whichever version the server then picks, so one
     * server version covers the cuts; each cut costs a full handshake.
     */
    @Test
    void everySplitOfTheClientHelloGivesTheSameExchange() throws IOException {
        everySplitOfFlight(PIPELINES.get("TLSv1.3"), 0);
    }

    /** change_cipher_spec + Finished (TLS 1.3), or key exchange + change_cipher_spec + Finished (TLS 1.2). */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void everySplitOfTheClientsSecondFlightGivesTheSameExchange(String protocol) throws IOException {
        everySplitOfFlight(PIPELINES.get(protocol), 1);
    }

    private static void everySplitOfFlight(Pipeline pipeline, int flight) throws IOException {
        int length = Integer.MAX_VALUE;
        for (int at = 0; at <= length; at++) {
            TlsClient client = new TlsClient(null);
            HttpConnection conn = pipeline.newConnection();
            length = handshake(conn, client, flight, at);
            assertTrue(length > 0, "the client sends flight " + flight);
            assertEquals(JSON_OK, exchange(pipeline, conn, client, GET_JSON), "flight " + flight + " cut at " + at);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void everySplitOfTheFirstApplicationRecordGivesTheSameExchange(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        int length = Integer.MAX_VALUE;
        for (int at = 0; at <= length; at++) {
            TlsClient client = new TlsClient(null);
            HttpConnection conn = connect(pipeline, client);
            byte[] record = client.wrap(bytes(GET_JSON));
            length = record.length;
            feed(conn, record, 0, Math.min(at, length));
            if (at < length) {
                assertNull(conn.nextRequest(), "cut at " + at);
                assertFalse(conn.hasOutput(), "cut at " + at);
            }
            feed(conn, record, Math.min(at, length), length);
            List<HttpRequest> served = serve(pipeline, conn);
            assertEquals(1, served.size(), "cut at " + at);
            assertEquals("/json", served.get(0).target());
            assertEquals(JSON_OK, normalize(client.unwrap(drain(conn))), "cut at " + at);
            assertFalse(conn.closing());
        }
    }

    @Test
    void plaintextHttpSentToTlsClosesWithoutAnException() throws IOException {
        HttpConnection conn = PIPELINES.get("TLSv1.3").newConnection();
        feed(conn, bytes(GET_JSON));
        assertNull(conn.nextRequest());
        assertTrue(conn.closing());
        assertNull(conn.nextRequest(), "stays closed");
        // Whatever the engine sends back must be TLS (a fatal alert), never an HTTP answer in the clear.
        byte[] out = drain(conn);
        if (out.length > 0) assertSingleFatalAlert(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void largeResponseIsSplitIntoRecordsAndReassemblesExactly(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        feed(conn, client.wrap(bytes(GET_JSON)));
        HttpRequest request = conn.nextRequest();
        assertNotNull(request);

        byte[] body = new byte[40_000];
        for (int i = 0; i < body.length; i++) body[i] = (byte) ('a' + i % 26);
        conn.respond(request, HttpResponse.of(200, "application/octet-stream", body));
        byte[] wire = drain(conn);
        assertTrue(applicationRecords(wire) >= 3, "40 000 bytes need at least three 16 KiB records");
        assertEquals(response("200 OK", "application/octet-stream", Wire.text(body)),
                normalize(client.unwrap(wire)));
        assertFalse(conn.closing());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void largeRequestSpanningRecordsIsAssembled(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        String payload = "p".repeat(50_000);
        String body = "{\"cpuIterations\":2,\"payload\":\"" + payload + "\"}";
        String request = "POST /work HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
        byte[] ciphertext = client.wrap(bytes(request));
        assertTrue(applicationRecords(ciphertext) >= 4);
        String expected = response("200 OK", "application/json",
                "{\"digest\":\"" + CpuWork.chainedSha256(bytes('"' + payload + '"'), 2) + "\",\"payloadBytes\":"
                        + (payload.length() + 2) + ",\"cpuIterations\":2,\"ioMicros\":0,\"blockMicros\":0}");
        feed(conn, ciphertext);
        assertEquals(1, serve(pipeline, conn).size());
        assertEquals(expected, normalize(client.unwrap(drain(conn))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void connectionCloseEndsWithCloseNotify(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        String out = exchange(pipeline, conn, client, "GET /json HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertEquals(response("200 OK", "application/json", "{\"message\":\"Hello, World!\"}", "Connection: close"),
                out);
        assertTrue(conn.closing());
        assertTrue(client.inboundDone(), "the client saw close_notify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientCloseNotifyClosesTheConnection(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        client.engine().closeOutbound();
        feed(conn, client.flight());
        assertNull(conn.nextRequest());
        assertTrue(conn.closing(), "close_notify from the peer ends the connection");
        assertEquals(0, client.unwrap(drain(conn)).length);
        assertTrue(client.inboundDone(), "the server answered with its own close_notify");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void rejectedRequestIsAnsweredInsideTlsThenClosed(String protocol) throws IOException {
        Pipeline pipeline = PIPELINES.get(protocol);
        TlsClient client = new TlsClient(null);
        HttpConnection conn = connect(pipeline, client);
        String out = exchange(pipeline, conn, client, HttpConnectionTest.CL_AND_TE);
        assertEquals(HttpConnectionTest.CL_AND_TE_400, out);
        assertTrue(conn.closing());
        assertTrue(client.inboundDone(), "the client saw close_notify");
    }
    @Test
    void failedHandshakeSendsOnlyTheAlert() throws IOException {
        HttpConnection conn = PIPELINES.get("TLSv1.3").newConnection();
        TlsClient client = new TlsClient("TLSv1.2");
        feed(conn, client.flight());
        assertNull(conn.nextRequest());
        assertTrue(conn.closing(), "no common protocol version");
        byte[] out = drain(conn);
        assertSingleFatalAlert(out);
        assertEquals(70, out[6], "protocol_version (RFC 8446 §6.2)");
        SSLException seen = assertThrows(SSLException.class, () -> client.unwrap(out));
        assertTrue(seen.getMessage().contains("protocol_version"), seen.getMessage());
    }

    private static void assertSingleFatalAlert(byte[] out) {
        assertEquals(7, out.length, "one alert record: 5 header bytes + level + description");
        assertEquals(21, out[0], "record type alert");
        assertEquals(3, out[1], "record version major");
        assertEquals(2, out[4], "alert body length");
        assertEquals(2, out[5], "alert level fatal");
    }

    /** Counts application_data (type 23) records in a stream of whole TLS records. */
    private static int applicationRecords(byte[] wire) {
        int count = 0;
        int at = 0;
        while (at + 5 <= wire.length) {
            int length = ((wire[at + 3] & 0xff) << 8) | (wire[at + 4] & 0xff);
            assertTrue(length <= 16_384 + 256, "record within the TLS limit");
            if (wire[at] == 23) count++;
            at += 5 + length;
        }
        assertEquals(wire.length, at, "whole records only");
        return count;
    }
}

package dev.concurrencybench.pipeline.connection;

import static dev.concurrencybench.pipeline.connection.Wire.bytes;
import static dev.concurrencybench.pipeline.connection.Wire.drain;
import static dev.concurrencybench.pipeline.connection.Wire.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The stages a connection times for each answered request, as a server drives it: parse, process (request parsed →
 * response handed to {@code respond}), write ({@code respond} → written) and total (first parsed byte → written),
 * recorded together once the response is written.
 */
class HttpConnectionStageTimingTest {

    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n";

    private static Pipeline timed(long injectDelayMicros) throws IOException {
        return Pipeline.create(ServerConfig.builder().stageTiming(true).injectDelayMicros(injectDelayMicros).build());
    }

    /** Processes the next buffered request and responds; the response is left unwritten. */
    private static void answerNext(Pipeline pipeline, HttpConnection conn) {
        HttpRequest request = conn.nextRequest();
        List<HttpResponse> responses = new ArrayList<>(1);
        pipeline.processor().process(request, WaitStrategy.BLOCKING, responses::add);
        conn.respond(request, responses.get(0));
    }

    private static long count(Pipeline pipeline, Stage stage) {
        return pipeline.stages().intervalHistogram(stage).getTotalCount();
    }

    @Test
    void eachAnsweredRequestRecordsParseProcessWriteAndTotalOnceWritten() throws IOException {
        Pipeline pipeline = timed(0);
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET + GET)); // pipelined: the second is answered after the first is written
        for (int i = 0; i < 2; i++) {
            answerNext(pipeline, conn);
            drain(conn);
            conn.recordWritten();
        }
        for (Stage stage : List.of(Stage.PARSE, Stage.PROCESS, Stage.WRITE, Stage.TOTAL)) {
            assertEquals(2, count(pipeline, stage), stage.name());
        }
        conn.recordWritten();
        assertEquals(0, count(pipeline, Stage.TOTAL), "a second call for the same response records nothing");
    }

    @Test
    void aResponseNeverWrittenRecordsNothing() throws IOException {
        Pipeline pipeline = timed(0);
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET));
        answerNext(pipeline, conn);
        for (Stage stage : List.of(Stage.PARSE, Stage.PROCESS, Stage.WRITE, Stage.TOTAL)) {
            assertEquals(0, count(pipeline, stage), stage.name());
        }
    }

    @Test
    void processRunsFromTheRequestParsedToItsResponseAndTheStagesFitInTheTotal() throws IOException {
        Pipeline pipeline = timed(3_000); // the gate-check's injected spin: 3 ms inside process
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET));
        answerNext(pipeline, conn);
        drain(conn);
        conn.recordWritten();
        Histogram process = pipeline.stages().intervalHistogram(Stage.PROCESS);
        assertTrue(process.getMaxValue() >= 3_000, "process holds the injected spin: " + process.getMaxValue());
        long total = pipeline.stages().intervalHistogram(Stage.TOTAL).getMaxValue();
        assertTrue(total >= process.getMaxValue(), "total " + total + " µs covers process");
    }

    @Test
    void withTimingOffNothingIsRecordedOrRead() throws IOException {
        Pipeline pipeline = Pipeline.create(ServerConfig.builder().stageTiming(false).build());
        HttpConnection conn = pipeline.newConnection();
        feed(conn, bytes(GET));
        answerNext(pipeline, conn);
        drain(conn);
        conn.recordWritten();
        assertNull(pipeline.stages().intervalHistogram(Stage.TOTAL));
    }
}

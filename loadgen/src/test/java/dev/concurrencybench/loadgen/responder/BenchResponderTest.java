package dev.concurrencybench.loadgen.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.DriverWarmup;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BenchResponderTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void answersPipelinedRequestsInOrderAndClosesWhenToldTo() throws Exception {
        try (BenchResponder r = BenchResponder.start(0, 3);
             Socket s = new Socket("127.0.0.1", r.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // ends: the responder closes
            String[] responses = all.split("(?=HTTP/1\\.1 )");
            assertEquals(3, responses.length, all);
            assertTrue(responses[0].startsWith("HTTP/1.1 200 OK") && responses[0].endsWith("\r\n\r\nHello, World!"), responses[0]);
            assertTrue(responses[1].contains("Content-Type: application/json") && responses[1].endsWith("{\"message\":\"Hello, World!\"}"));
            assertTrue(responses[2].startsWith("HTTP/1.1 404") && responses[2].contains("Connection: close\r\n"), responses[2]);
            assertTrue(responses[0].contains("\r\nDate: "));
            assertEquals(3, r.responses());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theDriverRunsCleanlyAgainstItWithClosesAndPipelining() throws Exception {
        try (BenchResponder r = BenchResponder.start(0, 10)) {
            Target t = Target.parse("http://127.0.0.1:" + r.port() + "/plaintext");
            DriverConfig c = DriverConfig.openLoop(t, List.of(RequestTemplate.http("plaintext", 1, "GET", t.hostHeader(),
                    "/plaintext", null, 200, "Hello, World!", null)), 4_000, 8, 200_000_000L, 1_000_000_000L)
                    .withPipelineDepth(3);
            DriverResult res = PreciseDriver.run(c, null);
            assertEquals(0, res.counts().errors(), () -> res.firstErrors().toString());
            assertEquals(4_000, res.counts().completed());
            assertEquals(4_800, r.responses());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theSelfWarmUpRunsWithoutErrors() throws Exception {
        long answered = DriverWarmup.run(1_000_000_000L, null);
        assertTrue(answered > 5_000, "answered " + answered);
    }
}

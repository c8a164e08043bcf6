package dev.concurrencybench.testkit;

import static dev.concurrencybench.testkit.ResponseAssertions.assertError;
import static dev.concurrencybench.testkit.ResponseAssertions.assertJson;
import static dev.concurrencybench.testkit.ResponseAssertions.assertMethodNotAllowed;
import static dev.concurrencybench.testkit.ResponseAssertions.assertPlaintext;
import static dev.concurrencybench.testkit.ResponseAssertions.assertWork;
import static dev.concurrencybench.testkit.WireContract.TOO_MANY_MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three endpoints and their error answers, byte for byte, one request per fresh connection.
 * Run through {@link AbstractServerConformanceTest}; {@link #fixture()} supplies the running servers.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class EndpointConformance {

    /** The servers under test. */
    protected abstract ServerFixture fixture();

    private RawResponse once(String request) throws IOException {
        try (RawHttpClient c = fixture().connect()) {
            return c.exchange(request);
        }
    }

    @Test
    void plaintextIsHelloWorld() throws IOException {
        assertPlaintext(once(WireContract.GET_PLAINTEXT));
    }

    @Test
    void jsonIsHelloWorldMessage() throws IOException {
        assertJson(once(WireContract.GET_JSON));
    }

    @Test
    void workReturnsDigestAndEchoesParameters() throws IOException {
        RawResponse r = once(WireContract.POST_WORK);
        assertWork(r);
        ResponseAssertions.assertServerAndDate(r);
    }

    @Test
    void workDigestIsDeterministic() throws IOException {
        JsonNode first = assertWork(once(WireContract.POST_WORK));
        JsonNode second = assertWork(once(WireContract.POST_WORK));
        assertEquals(first.get("digest"), second.get("digest"), "same body, different digest");
        assertEquals(first.get("payloadBytes"), second.get("payloadBytes"));
    }

    @Test
    void workDigestDependsOnCpuIterations() throws IOException {
        JsonNode ten = assertWork(once(WireContract.POST_WORK));
        JsonNode eleven = assertWork(once(WireContract.postWork(WireContract.workBody(11, 100, 100))), 11, 100, 100);
        assertNotEquals(ten.get("digest"), eleven.get("digest"), "cpuIterations 10 and 11 gave the same digest");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"cpuIterations\":-1,\"ioMicros\":0,\"blockMicros\":0,\"payload\":{}}",
            "{\"cpuIterations\":10000000000,\"ioMicros\":0,\"blockMicros\":0,\"payload\":{}}",
            "{\"cpuIterations\":1,\"ioMicros\":-1,\"blockMicros\":0,\"payload\":{}}",
            "{\"cpuIterations\":1,\"ioMicros\":" + TOO_MANY_MICROS + ",\"blockMicros\":0,\"payload\":{}}",
            "{\"cpuIterations\":1,\"ioMicros\":0,\"blockMicros\":-1,\"payload\":{}}",
            "{\"cpuIterations\":1,\"ioMicros\":0,\"blockMicros\":" + TOO_MANY_MICROS + ",\"payload\":{}}",
    })
    void workRejectsOutOfRangeParameters(String body) throws IOException {
        assertError(once(WireContract.postWork(body)), 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"cpuIterations\":",
            "not json at all",
            "[1,2,3]",
            "{\"cpuIterations\":\"ten\",\"ioMicros\":0,\"blockMicros\":0,\"payload\":{}}",
    })
    void workRejectsMalformedJson(String body) throws IOException {
        assertError(once(WireContract.postWork(body)), 400);
    }

    @Test
    void workRejectsNonJsonContentType() throws IOException {
        assertError(once(WireContract.post("/work", "text/plain", WireContract.WORK_BODY)), 415);
    }

    @Test
    void unknownPathIsNotFound() throws IOException {
        assertError(once(WireContract.get("/nope")), 404);
    }

    @Test
    void postToPlaintextIsMethodNotAllowed() throws IOException {
        assertMethodNotAllowed(once(WireContract.post("/plaintext", "text/plain", "x")), "GET");
    }

    @Test
    void getOfWorkIsMethodNotAllowed() throws IOException {
        assertMethodNotAllowed(once(WireContract.get("/work")), "POST");
    }
}

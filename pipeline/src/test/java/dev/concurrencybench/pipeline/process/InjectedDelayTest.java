package dev.concurrencybench.pipeline.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpHeaders;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.http.HttpVersion;
import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate-check slowdown: {@code injectDelayMicros} busy-spins at least that long inside the process stage, and
 * changes nothing else. (A lower bound only: a spin can take longer on a busy machine, never shorter.)
 */
class InjectedDelayTest {

    @Test
    void processingTakesAtLeastTheInjectedDelayAndAnswersTheSame() {
        // That the process stage records it: HttpConnectionStageTimingTest.
        RequestProcessor processor = new RequestProcessor(new JsonCodec(), StageRecorders.disabled(), 3_000);
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "a");
        List<HttpResponse> out = new ArrayList<>();
        long t0 = System.nanoTime();
        processor.process(new HttpRequest("GET", "/plaintext", HttpVersion.HTTP_1_1, headers, new byte[0], true),
                new RequestProcessorTest.RecordingWait(), out::add);
        long elapsed = System.nanoTime() - t0;
        assertTrue(elapsed >= 3_000_000, "elapsed " + elapsed + " ns");
        assertEquals(200, out.get(0).status());
        assertArrayEquals(RequestProcessor.HELLO, out.get(0).body());
    }

    @Test
    void offByDefaultAndBounded() {
        assertEquals(0, ServerConfig.builder().build().injectDelayMicros());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().injectDelayMicros(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().injectDelayMicros(2_000_000).build());
    }
}

package dev.concurrencybench.microbench.stage;

import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.http.HttpResponseEncoder;
import dev.concurrencybench.pipeline.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encode stage: a {@code /plaintext} response to its HTTP/1.1 bytes with {@link HttpResponseEncoder}, including
 * the {@code Date} header.
 *
 * <p>Pitfall avoided: timing the date formatting that a server pays once per second, not per request. The encoder's
 * {@code DateHeader} formats at most once a second, so over an iteration of seconds the measured figure is the cached
 * path plus one format per second, exactly the amortised cost a busy server sees. The response record is built once
 * in setup; the encoded bytes are returned so the encoding is not dead code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class EncodeResponseBenchmark {

    private HttpResponseEncoder encoder;
    private HttpResponse response;

    @Setup
    public void build() {
        encoder = new HttpResponseEncoder();
        response = HttpResponse.of(200, "text/plain", "Hello, World!".getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(response, HttpVersion.HTTP_1_1, false);
    }
}

package dev.concurrencybench.microbench.stage;

import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.json.JsonDecodeException;
import dev.concurrencybench.pipeline.json.WorkRequest;
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
 * The decode stage: a {@code /work} JSON body to a {@link WorkRequest} through the pipeline's {@link JsonCodec}
 * (Jackson plus the bounds checks every server applies).
 *
 * <p>Pitfall avoided: measuring Jackson's one-time costs. The codec (and its {@code ObjectMapper}, whose first use
 * builds deserializers by reflection) is created in setup and warmed up by JMH's warm-up iterations, as a server's is
 * after its first requests. The body is a constant array; the decoded record is returned so it is not dead code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class DecodeWorkBodyBenchmark {

    /** The body of the suite's {@code work-cpu}-style request, with a small structured payload. */
    static final byte[] BODY = ("{\"cpuIterations\":100,\"ioMicros\":0,\"blockMicros\":0,"
            + "\"payload\":{\"user\":\"u-1234\",\"items\":[1,2,3,4,5],\"note\":\"concurrency-bench\"}}")
            .getBytes(StandardCharsets.UTF_8);

    private JsonCodec codec;

    @Setup
    public void createCodec() {
        codec = new JsonCodec();
    }

    @Benchmark
    public WorkRequest decode() throws JsonDecodeException {
        return codec.decodeWork(BODY);
    }
}

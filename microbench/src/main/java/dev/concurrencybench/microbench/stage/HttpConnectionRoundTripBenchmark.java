package dev.concurrencybench.microbench.stage;

import dev.concurrencybench.pipeline.connection.HttpConnection;
import dev.concurrencybench.pipeline.connection.Pipeline;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.process.WaitStrategy;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Everything a server does for one {@code GET /plaintext} on a keep-alive connection except the socket calls: bytes
 * into {@link HttpConnection#inbound()}, parse, process, encode, and the response drained from
 * {@link HttpConnection#output()} as a write would. This is the floor under every model's per-request cost.
 *
 * <p>Pitfall avoided: letting state pile up across invocations. Each invocation consumes exactly the request it
 * fed and drains exactly the response it produced, so the connection is in the same state at every call, as on a
 * real keep-alive connection; a benchmark that fed without draining would measure buffer growth. The response bytes go
 * to a {@link Blackhole}.
 *
 * <p>{@code stageTiming}: {@code false} is the servers' default (no clock reads at all); {@code true} adds the clock
 * reads and the stage recordings ({@code parse}, {@code process}, {@code write}, {@code total}) that {@code --stage-log}
 * turns on, made as a server makes them, so the difference between the two is the pipeline's share of the
 * stage-timing cost per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HttpConnectionRoundTripBenchmark {

    private static final byte[] REQUEST =
            "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Param({"false", "true"})
    public boolean stageTiming;

    private Pipeline pipeline;
    private HttpConnection connection;
    private final HttpResponse[] answer = new HttpResponse[1];
    private byte[] sink;

    @Setup
    public void connect() throws IOException {
        pipeline = Pipeline.create(ServerConfig.builder().stageTiming(stageTiming).build());
        connection = pipeline.newConnection();
        sink = new byte[64 * 1024];
    }

    @Benchmark
    public void roundTrip(Blackhole bh) {
        connection.inbound().put(REQUEST);
        HttpRequest request = connection.nextRequest();
        if (request == null) throw new IllegalStateException("the request did not parse");
        pipeline.processor().process(request, WaitStrategy.BLOCKING, r -> answer[0] = r);
        connection.respond(request, answer[0]);
        ByteBuffer out = connection.output();
        int n = out.remaining();
        out.get(sink, 0, n);
        bh.consume(n);
        bh.consume(sink);
        connection.recordWritten();
        if (connection.nextRequest() != null) throw new IllegalStateException("a request was left over");
    }
}

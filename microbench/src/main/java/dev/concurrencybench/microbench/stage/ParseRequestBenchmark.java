package dev.concurrencybench.microbench.stage;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.http.HttpRequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parse stage: one complete request through {@link HttpRequestParser}, from raw bytes to an {@code HttpRequest}.
 *
 * <p>Pitfall avoided: building the request bytes inside the measurement. The bytes are encoded once in
 * {@link #encode()}; each invocation only rewinds a read-only view of them (a field write). The parsed request is
 * returned, so JMH sinks it and the JIT cannot drop the parse as dead code (JMHSample_08_DeadCode). The parser is
 * reused as a connection reuses it: {@code parse} resets it after every request, so this is the steady-state cost
 * of a keep-alive connection, not of a fresh one.
 *
 * <p>{@code plaintext} is TechEmpower's request (two headers); {@code headers20} carries 20 header fields of a
 * typical browser's size, to show what the per-field cost adds up to.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ParseRequestBenchmark {

    @Param({"plaintext", "headers20"})
    public String request;

    private HttpRequestParser parser;
    private ByteBuffer bytes;

    @Setup(Level.Trial)
    public void encode() {
        parser = new HttpRequestParser(HttpLimits.defaults());
        bytes = ByteBuffer.wrap(requestText(request).getBytes(StandardCharsets.ISO_8859_1)).asReadOnlyBuffer();
    }

    static String requestText(String kind) {
        StringBuilder sb = new StringBuilder("GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\n");
        switch (kind) {
            case "plaintext" -> sb.append("Accept: text/plain\r\n");
            case "headers20" -> {
                sb.append("User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n")
                  .append("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n")
                  .append("Accept-Language: en-GB,en;q=0.5\r\n")
                  .append("Accept-Encoding: gzip, deflate, br, zstd\r\n")
                  .append("Connection: keep-alive\r\n")
                  .append("Upgrade-Insecure-Requests: 1\r\n")
                  .append("Sec-Fetch-Dest: document\r\n")
                  .append("Sec-Fetch-Mode: navigate\r\n")
                  .append("Sec-Fetch-Site: none\r\n")
                  .append("Sec-Fetch-User: ?1\r\n")
                  .append("Priority: u=0, i\r\n")
                  .append("Pragma: no-cache\r\n")
                  .append("Cache-Control: no-cache\r\n")
                  .append("DNT: 1\r\n")
                  .append("Referer: https://localhost:8080/index.html\r\n")
                  .append("Cookie: session=4f1c2a9e0b7d48e3a1c5f6b2d9e8a7c4; theme=dark; lang=en\r\n")
                  .append("X-Request-Id: 7d0f9a52-3c1e-4b8a-9f6d-2e5a1c7b3d90\r\n")
                  .append("X-Forwarded-For: 127.0.0.1\r\n")
                  .append("If-None-Match: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"\r\n");
            }
            default -> throw new IllegalArgumentException("unknown request kind " + kind);
        }
        return sb.append("\r\n").toString();
    }

    @Benchmark
    public Object parse() {
        bytes.rewind();
        if (parser.parse(bytes) != HttpRequestParser.Result.REQUEST) {
            throw new IllegalStateException("the benchmark request did not parse: " + request);
        }
        return parser.request();
    }
}

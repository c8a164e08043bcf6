package dev.concurrencybench.microbench.stage;

import dev.concurrencybench.pipeline.tls.TlsSession;
import dev.concurrencybench.testkit.InMemoryTlsPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
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
 * The decrypt stage: 1 KiB or 16 KiB of TLS 1.3 application data (one record, or the largest the JDK makes plus its
 * small remainder) opened by the pipeline's {@link TlsSession}, after a real handshake with an in-memory client.
 *
 * <p>Pitfall avoided: replaying one record. TLS 1.3 numbers every record and derives its nonce from that number, so
 * a record decrypts exactly once; a benchmark that re-feeds the same bytes measures a failing MAC check. Each
 * invocation therefore gets a fresh record from the client, made in a {@code Level.Invocation} setup that JMH keeps
 * out of the timing. That level costs two timestamps per call, tens of ns against a record that takes µs to open,
 * which is why it is acceptable here and would not be for a nanosecond operation (see {@code Level.Invocation}'s
 * javadoc).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TlsDecryptBenchmark {

    @Param({"1024", "16384"})
    public int bytes;

    private InMemoryTlsPeer peer;
    private ByteBuffer plaintext;
    private ByteBuffer record;
    private ByteBuffer appIn;

    @Setup(Level.Trial)
    public void handshake() throws IOException {
        peer = InMemoryTlsPeer.handshaken();
        byte[] data = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(data);
        plaintext = ByteBuffer.wrap(data);
        record = ByteBuffer.allocate(peer.server().packetBufferSize() * 2);
        appIn = ByteBuffer.allocate(peer.server().applicationBufferSize() * 2);
    }

    @Setup(Level.Invocation)
    public void nextRecord() throws SSLException {
        plaintext.rewind();
        peer.clientRecord(plaintext, record);
        appIn.clear();
    }

    @Benchmark
    public int decrypt() throws SSLException {
        // The JDK seals 16 KiB as a 16,367-byte record plus a small one (its TLS 1.3 fragment limit leaves room for
        // the inner content type and padding), so 16 KiB is opened as the records the JDK made of it, as a server does.
        while (record.hasRemaining()) {
            TlsSession.Step step = peer.server().unwrap(record, appIn);
            if (step != TlsSession.Step.OK) throw new IllegalStateException("decrypt gave " + step);
        }
        if (appIn.position() != bytes) throw new IllegalStateException("decrypt gave " + appIn.position() + " bytes");
        return appIn.position();
    }
}

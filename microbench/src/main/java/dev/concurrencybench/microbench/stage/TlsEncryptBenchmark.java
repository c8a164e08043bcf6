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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The encrypt half of the write stage: 1 KiB or 16 KiB of response bytes sealed into TLS 1.3 records (one, or two for 16 KiB) by the
 * pipeline's {@link TlsSession}, after a real handshake with an in-memory client.
 *
 * <p>Pitfall avoided: measuring the handshake. The handshake (an ECDHE key exchange and a signature, milliseconds)
 * runs once per trial in setup; what is timed is the per-record cost a keep-alive connection pays for every
 * response. The records are not sent anywhere: the sealing is the work, and the returned size keeps it live.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TlsEncryptBenchmark {

    @Param({"1024", "16384"})
    public int bytes;

    private InMemoryTlsPeer peer;
    private ByteBuffer plaintext;
    private ByteBuffer netOut;

    @Setup
    public void handshake() throws IOException {
        peer = InMemoryTlsPeer.handshaken();
        byte[] data = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(data);
        plaintext = ByteBuffer.wrap(data);
        netOut = ByteBuffer.allocate(peer.server().packetBufferSize() * 2);
    }

    @Benchmark
    public int encrypt() throws SSLException {
        plaintext.rewind();
        netOut.clear();
        // 16 KiB becomes two records (16,367 bytes and the rest): the JDK's TLS 1.3 fragment limit, paid by servers too.
        while (plaintext.hasRemaining()) {
            TlsSession.Step step = peer.server().wrap(plaintext, netOut);
            if (step != TlsSession.Step.OK) throw new IllegalStateException("encrypt gave " + step);
        }
        return netOut.position();
    }
}

package dev.concurrencybench.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.tls.TlsSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared in-memory TLS peer: both ends finish the handshake, and a client record opens to its plaintext. */
class InMemoryTlsPeerTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void handshakesAndTheServerOpensTheClientsRecords() throws Exception {
        InMemoryTlsPeer peer = InMemoryTlsPeer.handshaken();
        assertTrue(peer.server().handshakeComplete());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, peer.client().getHandshakeStatus());
        assertEquals("TLSv1.3", peer.client().getSession().getProtocol());
        ByteBuffer record = ByteBuffer.allocate(peer.server().packetBufferSize() * 2);
        ByteBuffer app = ByteBuffer.allocate(peer.server().applicationBufferSize() * 2);
        for (String text : new String[] {"GET /plaintext HTTP/1.1\r\n\r\n", "a second record"}) {
            byte[] plain = text.getBytes(StandardCharsets.US_ASCII);
            peer.clientRecord(ByteBuffer.wrap(plain), record);
            app.clear();
            while (record.hasRemaining()) {
                assertEquals(TlsSession.Step.OK, peer.server().unwrap(record, app));
            }
            byte[] opened = new byte[app.position()];
            app.flip().get(opened);
            assertArrayEquals(plain, opened);
        }
    }
}

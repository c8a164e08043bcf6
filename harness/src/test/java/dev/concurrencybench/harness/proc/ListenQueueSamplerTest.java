package dev.concurrencybench.harness.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.report.results.ListenQueue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listening socket's own queue, from {@code ss -ltnm} output: Recv-Q, Send-Q and the skmem drop counter. */
class ListenQueueSamplerTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void readsQueueBacklogAndDropsOfTheOneSocket() throws Exception {
        try (ListenQueueSampler s = new ListenQueueSampler(1)) { // nothing listens on port 1: only canned output counts
            s.close();
            assertNull(s.result(), "no reading yet");
            s.record("LISTEN 0      1024       127.0.0.1:8080       0.0.0.0:*\n"
                    + "\t skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d7)\n");
            s.record("LISTEN 1025   1024       127.0.0.1:8080       0.0.0.0:*\n"
                    + "\t skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d57)\n");
            s.record("LISTEN 3      1024       127.0.0.1:8080       0.0.0.0:*\n"
                    + "\t skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d60)\n");
            s.record(""); // the server stopped listening: not a reading
            ListenQueue q = s.result();
            assertEquals(1024, q.backlog());
            assertEquals(1025, q.maxQueued());
            assertEquals(3, q.samples());
            assertEquals(1, q.fullSamples());
            assertEquals(53, q.drops(), "drops during the cell, not since the socket was opened");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void seesConnectionsWaitingInARealBacklog() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListenQueueSampler.available(), "needs ss (iproute2)");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            List<Socket> clients = new ArrayList<>();
            try (ListenQueueSampler s = new ListenQueueSampler(server.getLocalPort())) {
                for (int i = 0; i < 5; i++) {
                    clients.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                }
                s.sample(); // never accepted: five wait in the queue
                ListenQueue q = s.result();
                assertEquals(50, q.backlog());
                assertTrue(q.maxQueued() >= 5, "queued " + q.maxQueued());
            } finally {
                for (Socket c : clients) {
                    c.close();
                }
            }
        }
    }
}

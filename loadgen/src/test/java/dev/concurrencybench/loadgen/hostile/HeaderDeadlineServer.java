package dev.concurrencybench.loadgen.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny server with one defence: every connection must deliver its header block, and then its announced body,
 * within a deadline from accept, or it is closed. It never answers. One platform thread per connection (tests open
 * a few dozen). Counts what it saw, so tests can check what the background clients really sent.
 */
final class HeaderDeadlineServer implements AutoCloseable {

    private final ServerSocket socket;
    private final long deadlineMillis;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong deadlineCloses = new AtomicLong();
    final AtomicLong completeHeaders = new AtomicLong();
    final AtomicLong completeBodies = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    private volatile boolean closed;

    HeaderDeadlineServer(long deadlineMillis) throws IOException {
        this.deadlineMillis = deadlineMillis;
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        Thread.ofPlatform().daemon().name("deadline-acceptor").start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                Thread.ofPlatform().daemon().name("deadline-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000;
        StringBuilder head = new StringBuilder();
        long bodyLeft = -1;
        boolean timedOut = false;
        try (s) {
            s.setSoTimeout(20);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (System.nanoTime() - deadline < 0) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    return; // the client closed: not a deadline close
                }
                bytesRead.addAndGet(n);
                for (int i = 0; i < n; i++) {
                    if (bodyLeft < 0) {
                        head.append((char) buf[i]);
                        if (head.toString().endsWith("\r\n\r\n")) {
                            completeHeaders.incrementAndGet();
                            bodyLeft = contentLength(head.toString());
                            if (bodyLeft == 0) {
                                completeBodies.incrementAndGet();
                            }
                        }
                    } else if (bodyLeft > 0 && --bodyLeft == 0) {
                        completeBodies.incrementAndGet();
                    }
                }
            }
            timedOut = true;
        } catch (IOException e) {
            // the client reset: nothing to count
        }
        if (timedOut) {
            deadlineCloses.incrementAndGet(); // counted once the socket is closed
        }
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).strip());
            }
        }
        return 0;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}

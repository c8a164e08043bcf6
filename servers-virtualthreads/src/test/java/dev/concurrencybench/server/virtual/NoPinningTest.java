package dev.concurrencybench.server.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual-thread model is only honest if its threads unmount when they block. JFR's
 * {@code jdk.VirtualThreadPinned} event (threshold 0) records every time a virtual thread blocked while pinned to its
 * carrier; after a warm-up, a workload of I/O waits and blocking waits must produce none. A control proves the recording would see
 * pinning if there were any: a virtual thread that sleeps inside a class initializer, which pins on every JDK.
 */
class NoPinningTest {

    private static final String WORK = "{\"cpuIterations\":50,\"ioMicros\":2000,\"blockMicros\":500,\"payload\":[1,2,3]}";

    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void servingRequestsWithWaitsNeverPinsACarrier() throws Exception {
        List<RecordedEvent> pinned;
        try (Recording recording = pinningRecording();
             Server server = VirtualThreadServer.start(ServerConfig.builder().build())) {
            // Warm-up outside the recording: the first requests load and initialise classes (Jackson's serialisers,
            // TLS, the parser), and a virtual thread that waits for a class another thread is loading does pin
            // ("Freeze or preempt failed", "Waited for initialization"). That is a one-off start-up cost, not the model.
            driveWorkload(server.address(), 8, 2);
            recording.start();
            int answered = driveWorkload(server.address(), 40, 5);
            assertEquals(40 * 5, answered);
            recording.stop();
            pinned = events(recording);
        }
        assertTrue(pinned.isEmpty(), () -> "virtual threads pinned: " + pinned);
    }

    @Test
    @Timeout(30)
    void theRecordingSeesPinningWhenItHappens() throws Exception {
        List<RecordedEvent> pinned;
        try (Recording recording = pinningRecording()) {
            recording.start();
            Thread.ofVirtual().start(() -> SleepsInInitializer.touch()).join();
            recording.stop();
            pinned = events(recording);
        }
        assertFalse(pinned.isEmpty(), "a sleep inside a class initializer pins, and JFR must have recorded it");
    }

    private static Recording pinningRecording() {
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        return recording;
    }

    private List<RecordedEvent> events(Recording recording) throws IOException {
        Path file = tmp.resolve("pinning-" + System.nanoTime() + ".jfr");
        recording.dump(file);
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.VirtualThreadPinned")) out.add(e);
        }
        Files.deleteIfExists(file);
        return out;
    }

    /** {@code connections} keep-alive clients, each sending {@code perConnection} /work requests; returns 200s. */
    private static int driveWorkload(InetSocketAddress address, int connections, int perConnection) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                results.add(clients.submit(() -> {
                    int ok = 0;
                    try (Socket s = new Socket(address.getAddress(), address.getPort())) {
                        s.setSoTimeout(10_000);
                        for (int i = 0; i < perConnection; i++) {
                            byte[] body = WORK.getBytes(StandardCharsets.US_ASCII);
                            OutputStream out = s.getOutputStream();
                            out.write(("POST /work HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body);
                            out.flush();
                            if (readResponseHead(s.getInputStream()).startsWith("HTTP/1.1 200 ")) ok++;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) total += f.get();
            return total;
        }
    }

    /** Reads one response, returns its head; the body is skipped by Content-Length. */
    private static String readResponseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && new String(head.toByteArray(), StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) break;
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        in.readNBytes(length);
        return text;
    }

    /** Sleeping during class initialisation pins the virtual thread on every JDK (JEP 491 keeps this case). */
    static final class SleepsInInitializer {
        static {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {}
    }
}

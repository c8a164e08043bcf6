package dev.concurrencybench.harness.ratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.harness.run.CpuPlan;
import dev.concurrencybench.harness.run.ServerLauncher;
import dev.concurrencybench.harness.run.ServerProcess;
import dev.concurrencybench.peers.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every production peer, launched as {@code bench ratio} launches it (its command line, its own JVM), answers both
 * endpoints exactly as the verifier demands of the models, over plain HTTP and over TLS with the models' keystore, and
 * answers a path it does not serve with 404.
 */
class PeersTest {

    private static final long READY_NANOS = 60_000_000_000L;

    @Test
    void everyPeerServesTheEndpointsLikeTheModelsPlainAndOverTls(@TempDir Path dir) throws IOException {
        ServerLauncher launcher = ServerLauncher.bench(CpuPlan.parse("none", 2));
        ServerKeys keys = ServerKeys.create(Files.createDirectories(dir.resolve("keys")));
        List<Contender> started = new ArrayList<>();
        try {
            for (Peer peer : Peer.values()) {
                for (boolean tls : new boolean[] {false, true}) {
                    int port = ServerProcess.freePort();
                    String tag = peer.id() + (tls ? "-tls" : "");
                    List<String> options = tls ? List.of("--tls", "--keystore", keys.keystore().toString(),
                            "--keystore-password", keys.password()) : List.of();
                    List<String> cmd = launcher.peerCommand(peer.id(), port, dir.resolve(tag + "-gc.log"), options);
                    started.add(new Contender(tag, peer.description(),
                            ServerProcess.start(tag, port, cmd, dir.resolve(tag + ".log")), tls, null));
                }
            }
            long deadline = System.nanoTime() + READY_NANOS;
            for (Contender c : started) {
                try {
                    c.awaitVerified(deadline); // status, Content-Type, body, Content-Length, Server, Date
                } catch (IOException e) {
                    throw new AssertionError(c.name() + ": " + e.getMessage() + "\n"
                            + Files.readString(dir.resolve(c.name() + ".log")), e);
                }
                if (!c.name().endsWith("-tls")) {
                    assertEquals(404, status(c.port(), "/nope"), c.name() + " on a path it does not serve");
                }
            }
        } finally {
            for (Contender c : started) c.close();
        }
    }

    @Test
    void eachModelHasOnePeerAndAnUnknownPeerIsNamedInTheError() {
        for (String model : List.of("threadpool", "eventloop", "virtual", "reactive")) {
            assertEquals(model, Peer.ofModel(model).model());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Peer.of("tomcat"));
        assertTrue(e.getMessage().contains("unknown peer 'tomcat'") && e.getMessage().contains("helidon"), e.getMessage());
    }

    /** The status code of one plain GET on its own connection. */
    private static int status(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String line = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 404"
            return Integer.parseInt(line.substring(9, 12));
        }
    }
}

package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.tls.TlsContexts;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one peer in the foreground until the process is stopped:
 * {@code PeerMain <peer> --port N [--host H] [--tls --keystore FILE --keystore-password PW]}. {@code bench ratio}
 * starts it with the models' JVM flags and pinning. A bad argument is one line on stderr and exit code 2.
 */
public final class PeerMain {

    private PeerMain() {
    }

    public static void main(String[] args) {
        Peer peer;
        String host = "127.0.0.1";
        int port = -1;
        boolean tls = false;
        Path keystore = null;
        String password = null;
        try {
            if (args.length == 0 || args[0].startsWith("-")) throw new IllegalArgumentException(usage());
            peer = Peer.of(args[0]);
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = parsePort(value(args, ++i, "--port"));
                    case "--host" -> host = value(args, ++i, "--host");
                    case "--tls" -> tls = true;
                    case "--keystore" -> keystore = Path.of(value(args, ++i, "--keystore"));
                    case "--keystore-password" -> password = value(args, ++i, "--keystore-password");
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + usage());
                }
            }
            if (port < 0) throw new IllegalArgumentException("--port is required; " + usage());
        } catch (IllegalArgumentException e) {
            System.err.println("peer: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            TlsContexts contexts = null;
            if (tls) {
                contexts = TlsContexts.create(new TlsSettings(true, "TLSv1.3", keystore,
                        password == null ? null : password.toCharArray()));
            }
            AutoCloseable server = peer.start(host, port, contexts);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception ignored) {
                    // the process is going away
                }
            }));
            System.out.printf("peer %s (%s) listening on %s:%d%s%n", peer.id(), peer.description(), host, port,
                    tls ? " with TLS" : "");
            new CountDownLatch(1).await();
        } catch (IOException e) {
            System.err.println("peer " + peer.id() + ": " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("peer " + peer.id() + " did not start: " + e);
            System.exit(1);
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 1..65535, was '" + s + "'");
        }
    }

    private static String usage() {
        return "usage: PeerMain <jetty|netty|helidon|reactor-netty> --port N [--host H] "
                + "[--tls --keystore FILE --keystore-password PW]";
    }
}

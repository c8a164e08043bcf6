package dev.concurrencybench.harness.ratio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One self-signed ECDSA P-256 certificate for {@code localhost}/{@code 127.0.0.1}, made at run time with the JDK's
 * {@code keytool} into a temporary directory, in the two forms the servers read: a PKCS#12 keystore for the models
 * ({@code bench serve --tls --keystore}) and PEM files for nginx. Every server of the sitting presents the same key,
 * the same kind the models make for themselves by default, so the handshake costs the same work everywhere.
 *
 * @param keystore    PKCS#12 file, alias {@code server}
 * @param password    keystore and key password
 * @param certificate PEM certificate
 * @param key         PEM PKCS#8 private key (readable by the user only)
 */
public record ServerKeys(Path keystore, String password, Path certificate, Path key) {

    private static final String PASSWORD = "bench-ratio";

    /** Makes the keystore and the PEM files in {@code dir}. */
    public static ServerKeys create(Path dir) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) throw new IOException("no keytool at " + keytool + " (a JDK, not a JRE, is needed)");
        Path p12 = dir.resolve("server.p12");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost, O=concurrency-bench",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            p.destroyForcibly();
        }
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            Key key = ks.getKey("server", PASSWORD.toCharArray());
            Certificate cert = ks.getCertificate("server");
            Path certPem = dir.resolve("server.crt");
            Path keyPem = dir.resolve("server.key");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // PKCS#8, which OpenSSL reads
            return new ServerKeys(p12, PASSWORD, certPem, keyPem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool made: " + e.getMessage(), e);
        }
    }

    /** RFC 7468 text encoding: base64 in 64-character lines between BEGIN and END labels. */
    static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }
}

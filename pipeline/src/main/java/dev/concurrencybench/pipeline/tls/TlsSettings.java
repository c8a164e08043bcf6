package dev.concurrencybench.pipeline.tls;

import java.nio.file.Path;

/**
 * Whether and how a server speaks TLS.
 *
 * @param enabled          false for plaintext HTTP
 * @param protocol         {@code TLSv1.3} (default) or {@code TLSv1.2}
 * @param keystore         a PKCS#12 keystore with one private key entry, or null to generate a self-signed
 *                         certificate for {@code localhost}/{@code 127.0.0.1}/{@code ::1} at start-up
 * @param keystorePassword the keystore's password (ignored when {@code keystore} is null)
 */
public record TlsSettings(boolean enabled, String protocol, Path keystore, char[] keystorePassword) {

    public TlsSettings {
        if (enabled && !protocol.equals("TLSv1.3") && !protocol.equals("TLSv1.2")) {
            throw new IllegalArgumentException("TLS protocol must be TLSv1.3 or TLSv1.2, was " + protocol);
        }
    }

    public static TlsSettings off() {
        return new TlsSettings(false, "TLSv1.3", null, null);
    }

    /** TLS 1.3 with a self-signed certificate generated at start-up. */
    public static TlsSettings selfSigned() {
        return new TlsSettings(true, "TLSv1.3", null, null);
    }
}

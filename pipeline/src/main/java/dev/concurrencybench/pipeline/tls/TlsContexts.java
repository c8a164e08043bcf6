package dev.concurrencybench.pipeline.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds the server's {@link SSLContext} from {@link TlsSettings} and hands out configured server-mode engines.
 * Threading: immutable; {@link #newEngine()} is safe from any thread.
 */
public final class TlsContexts {

    private final SSLContext context;
    private final String protocol;

    private TlsContexts(SSLContext context, String protocol) {
        this.context = context;
        this.protocol = protocol;
    }

    /**
     * @throws IOException with a message fit for the user when the keystore is missing, unreadable or has a wrong
     *                     password
     */
    public static TlsContexts create(TlsSettings settings) throws IOException {
        try {
            KeyStore ks;
            char[] password;
            if (settings.keystore() == null) {
                ks = SelfSignedCertificate.generate();
                password = SelfSignedCertificate.PASSWORD;
            } else {
                password = settings.keystorePassword() == null ? new char[0] : settings.keystorePassword();
                ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(settings.keystore())) {
                    ks.load(in, password);
                } catch (NoSuchFileException e) {
                    throw new IOException("keystore not found: " + settings.keystore());
                } catch (IOException e) {
                    throw new IOException("cannot read keystore " + settings.keystore()
                            + " (not PKCS#12, or wrong password): " + e.getMessage());
                }
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TlsContexts(ctx, settings.protocol());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A server-mode engine restricted to the configured protocol version. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(new String[] {protocol});
        engine.setSSLParameters(params);
        return engine;
    }

    public String protocol() {
        return protocol;
    }

    /**
     * The context itself, for a server that makes its own engines (the production peers of {@code bench ratio});
     * restrict them to {@link #protocol()} as {@link #newEngine()} does.
     */
    public SSLContext sslContext() {
        return context;
    }
}

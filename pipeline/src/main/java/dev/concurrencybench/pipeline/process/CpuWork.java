package dev.concurrencybench.pipeline.process;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CPU step of {@code /work}: SHA-256 of the payload, then {@code iterations} further rounds of SHA-256 over the
 * previous digest. The hex digest goes into the response, so the JIT cannot elide the work (the dead-code pitfall
 * of JMH's sample 08), and every model does exactly the same number of compressions per request.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class CpuWork {

    private CpuWork() {}

    /**
     * @param payload    bytes to digest first
     * @param iterations further chained rounds, &ge; 0
     * @return lower-case hex of the final 32-byte digest
     */
    public static String chainedSha256(byte[] payload, long iterations) {
        MessageDigest sha = newSha256();
        byte[] digest = sha.digest(payload);
        for (long i = 0; i < iterations; i++) {
            digest = sha.digest(digest);
        }
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}

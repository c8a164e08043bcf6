package dev.concurrencybench.loadgen.driver;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The request templates of a run in the shape the hot path wants: request bytes and expected bodies as byte
 * arrays indexed by template number, so checking a sampled body compares bytes and allocates nothing unless it
 * fails. Immutable.
 */
final class Templates {

    final RequestTemplate[] templates;
    final byte[][] request;
    final int[] expectStatus;
    final byte[][] expectBody;
    final byte[][] expectContains;
    final int maxRequestBytes;

    Templates(List<RequestTemplate> list) {
        int n = list.size();
        templates = list.toArray(new RequestTemplate[0]);
        request = new byte[n][];
        expectStatus = new int[n];
        expectBody = new byte[n][];
        expectContains = new byte[n][];
        int max = 0;
        for (int i = 0; i < n; i++) {
            RequestTemplate t = templates[i];
            request[i] = t.bytes();
            expectStatus[i] = t.expectStatus();
            expectBody[i] = t.expectBody() == null ? null : t.expectBody().getBytes(StandardCharsets.UTF_8);
            expectContains[i] = t.expectContains() == null ? null : t.expectContains().getBytes(StandardCharsets.UTF_8);
            max = Math.max(max, request[i].length);
        }
        maxRequestBytes = max;
    }

    /**
     * Checks a kept body against template {@code t}.
     *
     * @param body   the kept bytes (index 0 to {@code length})
     * @param length kept length
     * @param total  the whole body's length (more than {@code length} when it was too long to keep)
     * @return null when it passes, else a one-line reason
     */
    String checkBody(int t, byte[] body, int length, long total) {
        byte[] exact = expectBody[t];
        if (exact != null && !(total == exact.length && equals(body, length, exact))) {
            String m = templates[t].checkBody(new String(body, 0, length, StandardCharsets.UTF_8));
            return m != null ? m : "body of " + templates[t].name() + " has " + total + " bytes, expected " + exact.length;
        }
        byte[] part = expectContains[t];
        if (part != null && !contains(body, length, part)) {
            return templates[t].checkBody(new String(body, 0, length, StandardCharsets.UTF_8));
        }
        return null;
    }

    private static boolean equals(byte[] body, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (body[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] body, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (body[i + k] != part[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return part.length == 0;
    }
}

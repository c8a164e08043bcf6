package dev.concurrencybench.pipeline.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header value (RFC 9110 §5.6.7, IMF-fixdate), formatted at most once per second.
 *
 * <p>Threading: lock-free and safe from any thread. There is no refresh thread (the pipeline owns none): the first
 * caller in a new second formats the value and publishes it through a volatile field; racing callers may format it
 * twice, which is harmless.
 */
public final class DateHeader {

    // Not RFC_1123_DATE_TIME: that one writes "1 Nov", and IMF-fixdate requires a two-digit day ("01 Nov").
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** An upper bound of {@link #current()}'s length in bytes (IMF-fixdate has 29 until the year 9999). */
    static final int MAX_LENGTH = 32;

    private record Cached(long epochSecond, byte[] value) {}

    private volatile Cached cached = new Cached(-1, new byte[0]);

    /** The current value as US-ASCII bytes, e.g. {@code Sat, 21 Nov 2026 09:00:00 GMT}. Do not modify. */
    public byte[] current() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.epochSecond() != second) {
            String text = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
            c = new Cached(second, text.getBytes(StandardCharsets.US_ASCII));
            cached = c;
        }
        return c.value();
    }
}

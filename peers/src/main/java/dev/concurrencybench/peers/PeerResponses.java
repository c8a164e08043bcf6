package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What every peer answers, in one place: the endpoints' paths, content types and bodies, the {@code Server} header,
 * and a cached {@code Date} for the peers whose framework does not send one itself. Thread-safe.
 */
final class PeerResponses {

    static final String PLAINTEXT_PATH = "/plaintext";
    static final String JSON_PATH = "/json";
    static final String TEXT_PLAIN = "text/plain";
    static final String APPLICATION_JSON = "application/json";
    static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private static final JsonCodec JSON = new JsonCodec();

    /** A (date, second) pair, replaced at most once a second: one volatile read per response otherwise. */
    private record Stamp(long second, String value) {
    }

    /** IMF-fixdate: a two-digit day, English names, always GMT. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private static volatile Stamp stamp = new Stamp(-1, "");

    private PeerResponses() {
    }

    /** {@code {"message":"Hello, World!"}}, serialized anew for every request, as the models do. */
    static byte[] json() {
        return JSON.helloMessage();
    }

    /** The {@code Server} header of peer {@code id}, e.g. {@code peer-netty}. */
    static String server(String id) {
        return "peer-" + id;
    }

    /** The current IMF-fixdate (RFC 9110 §5.6.7), cached per second, as production servers do. */
    static String date() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second() != second) {
            s = new Stamp(second, IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
            stamp = s;
        }
        return s.value();
    }
}

package dev.concurrencybench.peers;

import dev.concurrencybench.pipeline.http.DateHeader;
import dev.concurrencybench.pipeline.json.JsonCodec;
import java.nio.charset.StandardCharsets;

/**
 * What every peer answers, in one place: the endpoints' paths, content types and bodies, the {@code Server} header,
 * and the {@code Date} for the peers whose framework does not send one itself. Thread-safe.
 */
final class PeerResponses {

    static final String PLAINTEXT_PATH = "/plaintext";
    static final String JSON_PATH = "/json";
    static final String TEXT_PLAIN = "text/plain";
    static final String APPLICATION_JSON = "application/json";
    static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private static final JsonCodec JSON = new JsonCodec();
    private static final DateHeader DATE = new DateHeader();

    /** The pipeline's date bytes (one array per second) and their String. */
    private record Stamp(byte[] bytes, String value) {
    }

    private static volatile Stamp stamp = new Stamp(new byte[0], "");

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

    /**
     * The current IMF-fixdate, formatted by the pipeline's {@link DateHeader} at most once per second, as the models'
     * is; its String is made once per second too (a new second is a new byte array).
     */
    static String date() {
        byte[] now = DATE.current();
        Stamp s = stamp;
        if (s.bytes() != now) {
            s = new Stamp(now, new String(now, StandardCharsets.US_ASCII));
            stamp = s;
        }
        return s.value();
    }
}

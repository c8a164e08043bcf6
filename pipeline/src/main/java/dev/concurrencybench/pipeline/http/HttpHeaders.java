package dev.concurrencybench.pipeline.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Header fields of one request in arrival order. Names compare case-insensitively (RFC 9110 §5.1).
 * Not thread-safe while being built; effectively immutable once handed out in an {@link HttpRequest}.
 */
public final class HttpHeaders {

    /** One field line: name as received, value with surrounding whitespace removed. */
    public record Field(String name, String value) {}

    private final List<Field> fields = new ArrayList<>();

    public void add(String name, String value) {
        fields.add(new Field(name, value));
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) return f.value();
        }
        return null;
    }

    /** Every value of {@code name} in arrival order. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) out.add(f.value());
        }
        return out;
    }

    /** True if some value of {@code name}, split on commas, equals {@code token} ignoring case. */
    public boolean containsToken(String name, String token) {
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(name)) continue;
            for (String part : f.value().split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) return true;
            }
        }
        return false;
    }

    public int size() {
        return fields.size();
    }

    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}

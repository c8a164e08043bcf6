package dev.concurrencybench.pipeline.json;

/** A body that is not valid JSON, or not a valid {@code /work} request; answered with 400. */
public final class JsonDecodeException extends Exception {
    public JsonDecodeException(String message) {
        super(message, null, false, false);
    }
}

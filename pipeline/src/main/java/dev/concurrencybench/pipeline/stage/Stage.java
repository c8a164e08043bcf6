package dev.concurrencybench.pipeline.stage;

import java.util.Locale;

/** The steps of a request's journey that servers time, in pipeline order. */
public enum Stage {
    /** accept() returned → socket configured. */
    ACCEPT,
    /** connection (or its readable event) ready → a thread/loop starts serving it. */
    QUEUE,
    /** one socket read call. */
    READ,
    /** the whole TLS handshake of a connection. */
    HANDSHAKE,
    /** SSLEngine.unwrap of application data. */
    DECRYPT,
    /** HTTP/1.1 parsing of one request. */
    PARSE,
    /** JSON body → record. */
    DECODE,
    /**
     * request parsed → its response handed back to the connection: the endpoint's work (I/O wait and blocking
     * included) and the model's dispatch to it and back.
     */
    PROCESS,
    /** response handed to the connection → written: encode + encrypt + socket write of one response. */
    WRITE,
    /** first byte of a request parsed → its response written. */
    TOTAL;

    /** The tag used in {@code stages.hlog}: the lower-case name. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

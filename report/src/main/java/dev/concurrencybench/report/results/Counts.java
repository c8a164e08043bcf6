package dev.concurrencybench.report.results;

/**
 * Request outcomes of a measurement (cumulative), all counts of requests whose intended send time lies in it.
 *
 * @param completed     successful responses (right status; right body where sampled)
 * @param statusErrors  responses with an unexpected status
 * @param bodyErrors    sampled responses with a wrong body
 * @param timeouts      requests unanswered within the timeout, or still unanswered when the run ended
 * @param resets        requests lost to a connection closed or reset by the server, or a protocol error
 * @param connectErrors failed connects or TLS handshakes
 * @param notSent       scheduled requests the generator never managed to send before the end
 * @param bodiesChecked responses whose body was checked
 */
public record Counts(long completed, long statusErrors, long bodyErrors, long timeouts, long resets,
                     long connectErrors, long notSent, long bodiesChecked) {

    /** Every request that did not end in a successful response. */
    public long errors() {
        return statusErrors + bodyErrors + timeouts + resets + connectErrors;
    }

}

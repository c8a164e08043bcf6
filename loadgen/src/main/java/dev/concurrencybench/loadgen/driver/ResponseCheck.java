package dev.concurrencybench.loadgen.driver;

/**
 * Judges one complete response against the request it answers and records the outcome: a status error, a body error
 * (only for a response whose body the parser kept, one in {@code bodyCheckEvery}), or a success with its three
 * latencies. Bodies are compared as bytes; a String is made only to describe a failure. Stateless.
 */
final class ResponseCheck {

    private ResponseCheck() {
    }

    /**
     * @param parser   holds the complete response
     * @param requests the connection's requests in flight
     * @param i        index in {@code requests} of the request the response answers (already removed from it)
     * @param now      when the response was read, nanoTime ns
     */
    static void record(LatencyRecorders recorders, Templates templates, ResponseParser parser,
                       InFlightRequests requests, int i, long now) {
        int t = requests.template(i);
        long intended = requests.intended(i);
        if (parser.status() != templates.expectStatus[t]) {
            if (recorders.countError(recorders.statusErrors, intended)) {
                recorders.addErrorMessage("status " + parser.status() + " for " + templates.templates[t].name()
                        + ", expected " + templates.expectStatus[t]);
            }
        } else if (parser.kept()) {
            if (recorders.inWindow(intended)) {
                recorders.bodiesChecked.increment();
            }
            String problem = templates.checkBody(t, parser.body(), parser.bodyLength(), parser.bodyTotal());
            if (problem != null) {
                recorders.recordError(recorders.bodyErrors, intended, problem);
            } else {
                recorders.recordSuccess(t, intended, requests.ready(i), requests.sent(i), now);
            }
        } else {
            recorders.recordSuccess(t, intended, requests.ready(i), requests.sent(i), now);
        }
    }
}

package dev.concurrencybench.report.results;

/**
 * Did the server survive a hostile cell? Checked by the harness around the measurement: a fresh request while the
 * attack was still running and one after it stopped; open file descriptors from {@code /proc/<pid>/fd} before,
 * at the end of the attack and after it (polled until back at the baseline, at most the server's idle timeout);
 * resident memory and threads before, at their peak and after. Immutable; a reading that could not be taken
 * (the process had exited) is null.
 *
 * @param freshRequestDuringAttack {@code GET /plaintext} on a new connection just before the attack stopped
 * @param freshRequestAfter        the same once the attack had stopped
 * @param fds                      open file descriptors: before, at the end of the attack (as peak), after
 * @param fdsBackToBaseline        the count came back to (or under) the baseline within {@code idleTimeoutMillis}
 * @param fdWaitMillis             how long that took (or how long was waited), ms
 * @param idleTimeoutMillis        the bound of that wait: the server's idle timeout, ms
 * @param rssBytes                 resident set size, bytes: before, highest sampled, after
 * @param threads                  live threads: before, most sampled, after
 */
public record Survival(Probe freshRequestDuringAttack, Probe freshRequestAfter, Readings fds,
                       boolean fdsBackToBaseline, long fdWaitMillis, long idleTimeoutMillis, Readings rssBytes,
                       Readings threads) {

    /**
     * One fresh request.
     *
     * @param answered a complete response arrived (any status)
     * @param status   its status, or 0
     * @param millis   how long it took or how long was waited, ms
     * @param error    why there was no answer, or null
     */
    public record Probe(boolean answered, int status, long millis, String error) {
    }

    /**
     * A figure before, at its peak during and after the attack; each null when it could not be read.
     *
     * @param before before the attack started
     * @param peak   the highest reading during it
     * @param after  after it stopped
     */
    public record Readings(Long before, Long peak, Long after) {
    }
}

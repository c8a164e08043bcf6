package dev.concurrencybench.report.results;

/**
 * The server's own listening socket during a hostile cell, sampled about once a second with
 * {@code ss -ltnm 'sport = :PORT'}: for a listening socket {@code Recv-Q} is the accept queue (connections the
 * kernel completed that the server has not accepted yet) and {@code Send-Q} its bound, the backlog; the socket's
 * {@code skmem} drop counter counts the connections the kernel refused because that queue was full. Only this
 * socket, not the host-wide {@code ListenOverflows}. Immutable.
 *
 * @param source      how it was read
 * @param backlog     the queue bound (Send-Q)
 * @param maxQueued   the longest queue seen (Recv-Q)
 * @param samples     readings taken
 * @param fullSamples readings in which the queue was full (Recv-Q &ge; Send-Q)
 * @param drops       the socket's drop counter over the cell (connection attempts refused on a full queue)
 */
public record ListenQueue(String source, long backlog, long maxQueued, int samples, int fullSamples, long drops) {
}

package dev.concurrencybench.report.results;

import java.util.List;

/**
 * What a cell with background (hostile) clients adds to its {@code summary.json}, under {@code "hostile"}: the
 * outcome of each background group, the survival checks, the listening socket's queue, and the server's resident
 * memory per connection the attack held. Absent from the summaries of ordinary scenarios (and of older runs).
 * Immutable.
 *
 * @param groups      one per background group, in the scenario's order
 * @param survival    the survival checks, or null when they could not be made
 * @param listenQueue the server's listening socket, or null when {@code ss} was not available
 * @param heldRss     resident memory per held connection, or null when the attack held none
 */
public record HostileOutcome(List<BackgroundOutcome> groups, Survival survival, ListenQueue listenQueue,
                             HeldConnectionRss heldRss) {

    /**
     * Resident memory per connection held by the attack: (RSS with the connections − RSS without) / N. Taken once
     * the attack's connections are established, before the measured load starts; for {@code idle} groups this is
     * the memory an idle keep-alive connection costs the model.
     *
     * @param connections        N, the attack's connections open at that moment
     * @param rssBeforeBytes     RSS before the attack, bytes
     * @param rssWithBytes       RSS with the N connections, bytes
     * @param bytesPerConnection the difference divided by N, bytes
     */
    public record HeldConnectionRss(long connections, long rssBeforeBytes, long rssWithBytes,
                                    double bytesPerConnection) {
    }
}

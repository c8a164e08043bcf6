package dev.concurrencybench.report.results;

/**
 * What one background (hostile) client group of a scenario did during a cell, counted by the load generator. The
 * group ran beside the measured requests for the whole warm-up plus measurement; these counts cover that whole
 * time. Immutable.
 *
 * @param name                 the group's name in the scenario (default: its kind)
 * @param kind                 {@code slowloris}, {@code slow-body}, {@code slow-reader}, {@code idle}, {@code churn}
 *                             or {@code flood}
 * @param connections          the group's connection bound: connections held at once (churn: connects in progress)
 * @param ratePerSecond        new connections per second for churn and flood, else 0
 * @param opened               TCP connections that completed their connect
 * @param connectFailures      connects that failed or did not complete within 5 s (a full listen queue shows here)
 * @param held                 connections still open when the attack stopped (the server had not closed them)
 * @param closedByServer       connections the server closed (EOF or reset) before the attack stopped
 * @param closeAfterMillisP50  median time from connect to the server's close, ms, or null when it closed none
 * @param closeAfterMillisMax  longest time from connect to the server's close, ms, or null when it closed none
 * @param bytesSent            bytes written by the group
 * @param bytesReceived        bytes read by the group
 * @param responses            complete responses read (idle: its one request per connection), else 0
 * @param resets               connections the group itself reset (churn: RST instead of FIN)
 */
public record BackgroundOutcome(String name, String kind, int connections, double ratePerSecond, long opened,
                                long connectFailures, long held, long closedByServer, Long closeAfterMillisP50,
                                Long closeAfterMillisMax, long bytesSent, long bytesReceived, long responses,
                                long resets) {
}

package dev.concurrencybench.loadgen.gatling;

/**
 * A Gatling run that produced no trustworthy result: Gatling missing from the class path, a simulation that did
 * not start, a target that refused connections, every request KO, a log that cannot be read. The message is one
 * line meant for the console; no {@code summary.json} is written for such a run.
 */
public final class GatlingException extends Exception {

    public GatlingException(String message) {
        super(message);
    }
}

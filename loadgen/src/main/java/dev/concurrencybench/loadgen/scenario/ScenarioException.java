package dev.concurrencybench.loadgen.scenario;

/** A scenario file that cannot be used; the message names the file and the problem in one line. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }
}

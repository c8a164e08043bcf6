package dev.concurrencybench.loadgen.gatling;

import java.io.IOException;

/** A {@code simulation.log} the suite cannot read: wrong version, malformed or truncated. One-line message. */
public final class SimulationLogException extends IOException {

    public SimulationLogException(String message) {
        super(message);
    }
}

package dev.concurrencybench.report.read;

/** A results folder that cannot be reported on at all; the message is one line, fit for the user. */
public final class ResultsException extends Exception {

    public ResultsException(String message) {
        super(message, null, false, false);
    }
}

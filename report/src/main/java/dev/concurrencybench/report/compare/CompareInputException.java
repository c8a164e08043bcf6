package dev.concurrencybench.report.compare;

/** A results folder or config file that cannot be compared: missing, corrupt or unreadable. One-line message. */
public final class CompareInputException extends RuntimeException {

    public CompareInputException(String message) {
        super(message, null, false, false);
    }
}

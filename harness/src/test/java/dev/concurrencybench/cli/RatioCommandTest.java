package dev.concurrencybench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code bench ratio}'s one-line answer when a tool it needs is missing (the sitting itself needs nginx and wrk). */
class RatioCommandTest {

    @Test
    void missingToolsSayWhatToInstall() {
        assertNull(RatioCommand.missingTools(true, true));
        assertEquals("nginx is not installed; install with: apt-get install nginx-light wrk",
                RatioCommand.missingTools(false, true));
        assertEquals("wrk is not installed; install with: apt-get install nginx-light wrk",
                RatioCommand.missingTools(true, false));
        assertEquals("nginx and wrk are not installed; install with: apt-get install nginx-light wrk",
                RatioCommand.missingTools(false, false));
    }
}

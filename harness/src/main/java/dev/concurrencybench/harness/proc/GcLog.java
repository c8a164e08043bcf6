package dev.concurrencybench.harness.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GC pauses from a JVM unified log written with {@code -Xlog:gc:file=gc.log} (default decorators: uptime,
 * level, tags), e.g. {@code [3.140s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 30M->4M(512M) 1.234ms}.
 */
public final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\].*\\bPause\\b.* (\\d+(?:\\.\\d+)?)ms\\s*$");

    /**
     * Pauses that ended inside a window.
     *
     * @param count       number of pauses
     * @param totalMillis summed length, ms
     * @param maxMillis   longest, ms
     */
    public record Pauses(int count, double totalMillis, double maxMillis) {
        public static final Pauses NONE = new Pauses(0, 0, 0);
    }

    private GcLog() {
    }

    /**
     * Reads the pauses whose log line (written as the pause ends) falls inside {@code [fromSeconds, toSeconds]}
     * of JVM uptime.
     *
     * @param file        the GC log; a missing file gives {@link Pauses#NONE}
     * @param fromSeconds window start, seconds of JVM uptime
     * @param toSeconds   window end, seconds of JVM uptime
     */
    public static Pauses pauses(Path file, double fromSeconds, double toSeconds) {
        if (!Files.isReadable(file)) {
            return Pauses.NONE;
        }
        int count = 0;
        double total = 0;
        double max = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.matches()) {
                    double at = Double.parseDouble(m.group(1));
                    if (at >= fromSeconds && at <= toSeconds) {
                        double ms = Double.parseDouble(m.group(2));
                        count++;
                        total += ms;
                        max = Math.max(max, ms);
                    }
                }
            }
        } catch (IOException e) {
            return Pauses.NONE;
        }
        return new Pauses(count, Math.round(total * 1000) / 1000.0, max);
    }
}

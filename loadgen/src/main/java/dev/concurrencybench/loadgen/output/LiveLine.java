package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.Interval;
import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/**
 * Prints one line per measurement second: rate, latency P99 so far, generator-lag P99 so far (next to each other:
 * a lag P99 near the latency P99 means the driver, not the server, set the latency) and errors. Runs on the
 * driver's own thread between two sends, so it does little: two histogram additions and one line built by hand.
 */
public final class LiveLine implements Interval.Listener {

    private final PrintStream out;
    private final String label;
    private final Histogram soFar = new Histogram(1, 60_000_000, 3);
    private final Histogram lagSoFar = new Histogram(1, 60_000_000, 3);
    private final StringBuilder line = new StringBuilder(128);

    /** @param out where to print; @param label e.g. {@code threadpool/plaintext} */
    public LiveLine(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void onInterval(Interval i) {
        soFar.add(i.corrected());
        lagSoFar.add(i.lag());
        if (i.last()) {
            return;
        }
        long millis = i.corrected().getEndTimeStamp() - i.corrected().getStartTimeStamp();
        long rate = millis > 0 ? Math.round(i.corrected().getTotalCount() * 1000.0 / millis) : 0;
        // no printf: this runs on the driver's thread, and Formatter is a lot of code for the JIT to compile
        line.setLength(0);
        line.append("  ").append(label);
        pad(30 - line.length());
        right(i.index() + 1, 3).append("s  ");
        right(rate, 8).append(" req/s  P99 so far ");
        right(soFar.getValueAtPercentile(99), 8).append(" µs  lag P99 ");
        right(lagSoFar.getValueAtPercentile(99), 6).append(" µs  errors ").append(i.counts().errors());
        out.println(line);
        out.flush();
    }

    private void pad(int n) {
        for (int k = 0; k < n; k++) {
            line.append(' ');
        }
    }

    /** {@code v} right-aligned in {@code width} characters. */
    private StringBuilder right(long v, int width) {
        int digits = v < 0 ? 2 : 1;
        for (long x = Math.abs(v); x >= 10; x /= 10) {
            digits++;
        }
        pad(width - digits);
        return line.append(v);
    }
}

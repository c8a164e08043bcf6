package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.Interval;
import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/**
 * Prints one line per measurement second: rate, latency P99 so far, generator-lag P99 so far (next to each other:
 * a lag P99 near the latency P99 means the driver, not the server, set the latency) and errors. Runs on the
 * driver's own thread between two sends, so it does little: two histogram additions and one formatted line.
 */
public final class LiveLine implements Interval.Listener {

    private final PrintStream out;
    private final String label;
    private final Histogram soFar = new Histogram(1, 60_000_000, 3);
    private final Histogram lagSoFar = new Histogram(1, 60_000_000, 3);

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
        double seconds = (i.corrected().getEndTimeStamp() - i.corrected().getStartTimeStamp()) / 1000.0;
        double rate = seconds > 0 ? i.corrected().getTotalCount() / seconds : 0;
        out.printf("  %-28s %3ds  %8.0f req/s  P99 so far %8d µs  lag P99 %6d µs  errors %d%n", label, i.index() + 1,
                rate, soFar.getValueAtPercentile(99), lagSoFar.getValueAtPercentile(99), i.counts().errors());
        out.flush();
    }
}

package dev.concurrencybench.loadgen.output;

import dev.concurrencybench.loadgen.driver.Interval;
import java.io.PrintStream;

/** Prints one line per measurement second: rate, P99 so far and errors. Runs on the driver's reporter thread. */
public final class LiveLine implements Interval.Listener {

    private final PrintStream out;
    private final String label;
    private final org.HdrHistogram.Histogram soFar =
            new org.HdrHistogram.Histogram(1, 60_000_000, 3);

    /** @param out where to print; @param label e.g. {@code threadpool/plaintext} */
    public LiveLine(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void onInterval(Interval i) {
        soFar.add(i.corrected());
        if (i.last()) {
            return;
        }
        double seconds = (i.corrected().getEndTimeStamp() - i.corrected().getStartTimeStamp()) / 1000.0;
        double rate = seconds > 0 ? i.corrected().getTotalCount() / seconds : 0;
        out.printf("  %-28s %3ds  %8.0f req/s  P99 so far %8d µs  errors %d%n", label, i.index() + 1, rate,
                soFar.getValueAtPercentile(99), i.counts().errors());
        out.flush();
    }
}

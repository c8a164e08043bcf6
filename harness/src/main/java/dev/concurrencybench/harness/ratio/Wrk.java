package dev.concurrencybench.harness.ratio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop throughput with wrk: {@code wrk -t1 -cN -dSs URL}, pinned to the load generator's CPU with
 * {@code taskset}. One wrk thread is what one load-generator CPU can run; wrk needs no warm-up of its own (C).
 */
public final class Wrk {

    private static final Pattern RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*([0-9]+) requests in ");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");

    /**
     * What one wrk run reported.
     *
     * @param requestsPerSecond wrk's {@code Requests/sec}
     * @param requests          responses completed
     * @param errors            socket errors (connect, read, write, timeout) plus non-2xx/3xx responses
     * @param errorKinds        the non-zero kinds of {@code errors}, e.g. {@code "read 2, non-2xx 4"}; empty when none
     */
    public record Result(double requestsPerSecond, long requests, long errors, String errorKinds) {
    }

    private static final String[] SOCKET_ERROR_KINDS = {"connect", "read", "write", "timeout"};

    private final String loadgenCpus;

    /** @param loadgenCpus taskset CPU list for wrk, or null for no pinning */
    public Wrk(String loadgenCpus) {
        this.loadgenCpus = loadgenCpus;
    }

    /** The command line of one run. */
    public List<String> command(String url, int connections, int seconds) {
        List<String> cmd = new ArrayList<>();
        if (loadgenCpus != null) cmd.addAll(List.of("taskset", "-c", loadgenCpus));
        cmd.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", url));
        return cmd;
    }

    /** Runs wrk and parses its report. */
    public Result run(String url, int connections, int seconds) throws IOException {
        Process p = new ProcessBuilder(command(url, connections, seconds)).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) throw new IOException("wrk did not finish");
            if (p.exitValue() != 0) throw new IOException("wrk exited with " + p.exitValue() + ": " + firstLine(out));
            return parse(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Parses wrk's report.
     *
     * @throws IOException when it has no {@code Requests/sec} line (wrk could not connect, or is not wrk)
     */
    public static Result parse(String out) throws IOException {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) throw new IOException("wrk printed no Requests/sec line: " + firstLine(out));
        Matcher requests = REQUESTS.matcher(out);
        long n = requests.find() ? Long.parseLong(requests.group(1)) : 0;
        long errors = 0;
        List<String> kinds = new ArrayList<>();
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                long k = Long.parseLong(socket.group(g));
                errors += k;
                if (k > 0) kinds.add(SOCKET_ERROR_KINDS[g - 1] + " " + k);
            }
        }
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            long k = Long.parseLong(non2xx.group(1));
            errors += k;
            if (k > 0) kinds.add("non-2xx " + k);
        }
        return new Result(Double.parseDouble(rps.group(1)), n, errors, String.join(", ", kinds));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}

package dev.concurrencybench.harness.tradeoffs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory figures of another JVM through the JDK's {@code jcmd}: live heap from a class histogram (which runs a full
 * GC first, so garbage is not counted) and committed thread-stack memory from Native Memory Tracking (the target must
 * run with {@code -XX:NativeMemoryTracking=summary}). Works on JVMs started with {@code -XX:-UsePerfData}, since the
 * pid is given explicitly.
 *
 * <p>Threading: stateless; each call runs one short-lived {@code jcmd} process (bounded by a 60 s timeout).
 */
final class Jcmd {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern THREAD_STACK =
            Pattern.compile("Thread \\(reserved=\\d+KB, committed=\\d+KB\\)\\s*\\n\\s*\\(threads #(\\d+)\\)\\s*\\n"
                    + "\\s*\\(stack: reserved=(\\d+)KB, committed=(\\d+)KB");

    private Jcmd() {
    }

    /** Bytes of live objects on the heap of {@code pid}, after the full GC the histogram forces. */
    static long liveHeapBytes(long pid) throws IOException {
        String out = run(pid, "GC.class_histogram");
        Matcher m = HISTOGRAM_TOTAL.matcher(out);
        if (!m.find()) throw new IOException("no Total line in jcmd GC.class_histogram output of " + pid);
        return Long.parseLong(m.group(2));
    }

    /** Committed bytes of thread stacks in {@code pid}, from NMT; and the thread count NMT saw. */
    static long[] threadStacks(long pid) throws IOException {
        String out = run(pid, "VM.native_memory", "summary");
        Matcher m = THREAD_STACK.matcher(out);
        if (!m.find()) {
            throw new IOException("no Thread stack figures from NMT in " + pid + " (is -XX:NativeMemoryTracking=summary on?)");
        }
        return new long[] {Long.parseLong(m.group(3)) * 1024, Long.parseLong(m.group(1))};
    }

    private static String run(long pid, String... command) throws IOException {
        String[] cmd = new String[command.length + 2];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        cmd[1] = Long.toString(pid);
        System.arraycopy(command, 0, cmd, 2, command.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " failed for " + pid + ": "
                        + new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running jcmd", e);
        } finally {
            p.destroy();
        }
    }
}

package dev.concurrencybench.harness.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one {@link ProcSample} of a process from {@code /proc}. Stateless. */
public final class ProcReader {

    /** Clock ticks per second of /proc/[pid]/stat; 100 on every mainstream Linux (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcReader() {
    }

    /** True when {@code /proc} is there to read. */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /**
     * Reads the process now.
     *
     * @param pid process id
     * @throws IOException when the process is gone or /proc is unreadable
     */
    public static ProcSample read(long pid) throws IOException {
        long now = System.nanoTime();
        Path proc = Path.of("/proc", Long.toString(pid));
        String stat = Files.readString(proc.resolve("stat"));
        // the command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        int threads = 0;
        long vol = 0;
        long invol = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                threads++;
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            vol += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            invol += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended while we listed it
                }
            }
        }
        long[] listen = listenCounters();
        return new ProcSample(now, ticks * 1_000_000 / TICKS_PER_SECOND, rss, hwm, threads, vol, invol,
                listen[0], listen[1]);
    }

    private static long kib(String line) {
        String v = line.substring(line.indexOf(':') + 1).strip();
        return Long.parseLong(v.substring(0, v.indexOf(' '))) * 1024;
    }

    /** TcpExt ListenOverflows and ListenDrops from /proc/net/netstat (host-wide), or zeros. */
    static long[] listenCounters() {
        try {
            String[] lines = Files.readString(Path.of("/proc/net/netstat")).split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                if (lines[i].startsWith("TcpExt:") && lines[i + 1].startsWith("TcpExt:")) {
                    String[] names = lines[i].split(" ");
                    String[] values = lines[i + 1].split(" ");
                    long overflows = 0;
                    long drops = 0;
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        if (names[k].equals("ListenOverflows")) overflows = Long.parseLong(values[k]);
                        if (names[k].equals("ListenDrops")) drops = Long.parseLong(values[k]);
                    }
                    return new long[] {overflows, drops};
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: report zeros rather than fail the run
        }
        return new long[] {0, 0};
    }
}

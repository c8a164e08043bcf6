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
        return read(pid, false);
    }

    /**
     * Reads the process now.
     *
     * @param pid   process id
     * @param yield give the CPU away ({@link Thread#yield()}) after each file: a server has hundreds of threads,
     *              one status file each, a few milliseconds of reading in all; on the load generator's CPU that
     *              would stall the driver for as long, while yielding after each file costs it a few microseconds
     *              at a time (the reading then spreads over a fraction of a second)
     * @throws IOException when the process is gone or /proc is unreadable
     */
    public static ProcSample read(long pid, boolean yield) throws IOException {
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
        byte[] buf = BUFFER.get();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                if (yield) {
                    Thread.yield();
                }
                threads++;
                int n = readInto(task.resolve("status").toString(), buf);
                if (n >= 0) { // else the thread ended while we listed it
                    vol += field(buf, n, VOLUNTARY);
                    invol += field(buf, n, NONVOLUNTARY);
                }
            }
        }
        long[] listen = listenCounters();
        return new ProcSample(now, ticks * 1_000_000 / TICKS_PER_SECOND, rss, hwm, threads, vol, invol,
                listen[0], listen[1]);
    }

    /**
     * The process's open file descriptors: the entries of {@code /proc/<pid>/fd}.
     *
     * @throws IOException when the process is gone or /proc is unreadable
     */
    public static long openFds(long pid) throws IOException {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static final byte[] VOLUNTARY = "\nvoluntary_ctxt_switches:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NONVOLUNTARY =
            "\nnonvoluntary_ctxt_switches:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** One status file at a time: a thread's is about 1.5 kB. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    /**
     * Reads a small file into {@code buf}: a server has hundreds of threads, and this is done for each of them
     * every second, on the load generator's CPU, so it is plain bytes, no lines, no strings.
     *
     * @return bytes read, or -1 when the file is gone
     */
    private static int readInto(String file, byte[] buf) {
        try (java.io.FileInputStream in = new java.io.FileInputStream(file)) {
            int n = 0;
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The number after {@code key} (which starts with a newline) in {@code buf[0, n)}, or 0. */
    private static long field(byte[] buf, int n, byte[] key) {
        outer:
        for (int i = 0; i + key.length < n; i++) {
            for (int k = 0; k < key.length; k++) {
                if (buf[i + k] != key[k]) {
                    continue outer;
                }
            }
            long v = 0;
            for (int j = i + key.length; j < n && buf[j] != '\n'; j++) {
                if (buf[j] >= '0' && buf[j] <= '9') {
                    v = v * 10 + (buf[j] - '0');
                }
            }
            return v;
        }
        return 0;
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

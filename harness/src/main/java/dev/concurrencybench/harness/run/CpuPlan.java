package dev.concurrencybench.harness.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which CPUs the server and the load generator get, from {@code --cpus server=1,loadgen=0} (CPU lists in
 * taskset syntax with {@code +} between items, e.g. {@code server=2-3,loadgen=0+1}), or {@code none}.
 *
 * @param serverCpus  taskset CPU list of the server, or null for no pinning
 * @param loadgenCpus taskset CPU list of the load generator, or null for no pinning
 * @param serverCount how many CPUs the server gets (its {@code -XX:ActiveProcessorCount})
 */
public record CpuPlan(String serverCpus, String loadgenCpus, int serverCount) {

    /** True when {@code taskset} can be run. */
    public static boolean tasksetAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    /** The default: server on CPU 1 and driver on CPU 0 with at least 2 CPUs, else no pinning. */
    public static CpuPlan defaults(int cpus) {
        return cpus >= 2 ? new CpuPlan("1", "0", 1) : new CpuPlan(null, null, cpus);
    }

    /**
     * Parses {@code --cpus}.
     *
     * @param spec e.g. {@code server=1,loadgen=0}, or {@code none}
     * @param cpus CPUs of this machine
     * @throws IllegalArgumentException with a one-line reason
     */
    public static CpuPlan parse(String spec, int cpus) {
        if (spec.equals("none")) {
            return new CpuPlan(null, null, cpus);
        }
        String server = null;
        String loadgen = null;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("--cpus: expected server=LIST,loadgen=LIST, got '" + part + "'");
            String list = kv[1].replace('+', ',');
            int count = count(list, cpus);
            switch (kv[0]) {
                case "server" -> server = list;
                case "loadgen" -> loadgen = list;
                default -> throw new IllegalArgumentException("--cpus: unknown key '" + kv[0] + "' (server, loadgen)");
            }
            if (count == 0) throw new IllegalArgumentException("--cpus: empty list for " + kv[0]);
        }
        if (server == null || loadgen == null) throw new IllegalArgumentException("--cpus needs both server= and loadgen=");
        return new CpuPlan(server, loadgen, count(server, cpus));
    }

    private static int count(String list, int cpus) {
        boolean[] seen = new boolean[cpus];
        for (String item : list.split(",")) {
            String[] range = item.split("-", 2);
            int lo;
            int hi;
            try {
                lo = Integer.parseInt(range[0]);
                hi = range.length == 2 ? Integer.parseInt(range[1]) : lo;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--cpus: '" + item + "' is not a CPU number or range");
            }
            if (lo < 0 || hi >= cpus || lo > hi) {
                throw new IllegalArgumentException("--cpus: " + item + " is outside CPUs 0-" + (cpus - 1));
            }
            Arrays.fill(seen, lo, hi + 1, true);
        }
        int n = 0;
        for (boolean b : seen) n += b ? 1 : 0;
        return n;
    }

    /** How many CPUs the load generator gets (all of them when it is not pinned). */
    public int loadgenCount() {
        int n = Runtime.getRuntime().availableProcessors();
        return loadgenCpus == null ? n : count(loadgenCpus, n);
    }

    /** Pins every thread of this JVM to the load generator's CPUs; returns whether it worked. */
    public boolean pinSelf() {
        if (loadgenCpus == null || !tasksetAvailable()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-cp", loadgenCpus,
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.concurrencybench.report.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the machine and the code for run.json: commit, JDK, kernel, CPU model, cores, and the kernel settings
 * that move a tail latency: the clock source, the cpuidle driver, and whether DAMON's monitoring threads run (on a
 * VM that reclaims memory with DAMON, {@code kdamond} wakes every sampling interval and holds a CPU for 1-4 ms).
 */
public final class Environment {

    private Environment() {
    }

    /** The facts, each "unknown" when it cannot be read. */
    public static Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", command("git", "rev-parse", "HEAD"));
        m.put("dirty", !command("git", "status", "--porcelain", "--untracked-files=no").isEmpty());
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("javaHome", System.getProperty("java.home"));
        m.put("kernel", read("/proc/sys/kernel/osrelease").strip());
        m.put("cpuModel", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("clocksource", read("/sys/devices/system/clocksource/clocksource0/current_clocksource").strip());
        m.put("cpuidle", read("/sys/devices/system/cpu/cpuidle/current_driver").strip());
        m.put("damon", damon(Path.of("/sys/kernel/mm/damon/admin/kdamonds")));
        return m;
    }

    /** "on (N kdamond(s))", "off", or "absent" when the kernel has no DAMON sysfs interface. */
    static String damon(Path kdamonds) {
        if (!Files.isDirectory(kdamonds)) return "absent";
        int on = 0;
        try (var dirs = Files.list(kdamonds)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Path state = d.resolve("state");
                if (Files.isRegularFile(state) && Files.readString(state).strip().equals("on")) on++;
            }
        } catch (IOException e) {
            return "unknown";
        }
        return on == 0 ? "off" : "on (" + on + " kdamond" + (on == 1 ? ")" : "s)");
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Runs a short command and returns its trimmed output, or "unknown". */
    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}

package dev.concurrencybench.harness.microbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation of JMH ({@code org.openjdk.jmh.Main}) over the {@code microbench} module's jar and its
 * dependencies, in a child JVM of the same JDK, writing JMH's JSON result file (the format jmh-visualizer reads).
 * JMH prints its own progress and final table to this process's standard output.
 *
 * <p>Threading: confined to the caller; {@link #run} blocks until JMH exits.
 *
 * @param moduleTarget the microbench module's {@code target} folder, holding {@code microbench.jar} and {@code lib/}
 * @param regex        JMH benchmark selector (a regular expression over benchmark names), or null for all
 * @param quick        one fork, one 1 s warm-up and two 1 s measurement iterations: a smoke run, noisy
 * @param gcProfiler   add {@code -prof gc} (allocation per operation, B/op)
 * @param extraArgs    further JMH options, passed as given (e.g. a tighter quick mode for tests)
 * @param jsonFile     where JMH writes its JSON
 */
public record JmhRun(Path moduleTarget, String regex, boolean quick, boolean gcProfiler, List<String> extraArgs,
                     Path jsonFile) {

    /** The quick mode's JMH options: short enough that every benchmark fits in under 5 minutes on 2 cores. */
    public static final List<String> QUICK_OPTIONS = List.of("-f", "1", "-wi", "1", "-w", "1s", "-i", "2", "-r", "1s");

    public JmhRun {
        extraArgs = List.copyOf(extraArgs);
    }

    /** The benchmarks jar, or a message saying how to build it. */
    public Path jar() throws IOException {
        Path jar = moduleTarget.resolve("microbench.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(moduleTarget.resolve("lib"))) {
            throw new IOException("no JMH benchmarks at " + jar + " (with lib/ beside it): build them with "
                    + "'./mvnw -B -DskipTests package -pl microbench -am'");
        }
        return jar;
    }

    /** The child JVM's command line. */
    public List<String> command() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(jar() + java.io.File.pathSeparator + moduleTarget.resolve("lib") + java.io.File.separator + "*");
        cmd.add("org.openjdk.jmh.Main");
        if (regex != null) cmd.add(regex);
        if (quick) cmd.addAll(QUICK_OPTIONS);
        if (gcProfiler) cmd.addAll(List.of("-prof", "gc"));
        // A benchmark that throws must fail the run, not leave a gap in the table.
        cmd.addAll(List.of("-foe", "true", "-rf", "json", "-rff", jsonFile.toAbsolutePath().toString()));
        cmd.addAll(extraArgs);
        return cmd;
    }

    /**
     * Runs JMH with its output on this process's console.
     *
     * @return JMH's exit code (0 when every benchmark ran)
     */
    public int run() throws IOException, InterruptedException {
        Files.createDirectories(jsonFile.getParent());
        Process p = new ProcessBuilder(command()).inheritIO().start();
        try {
            return p.waitFor();
        } finally {
            p.destroy();
        }
    }
}

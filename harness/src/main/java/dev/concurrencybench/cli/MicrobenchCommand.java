package dev.concurrencybench.cli;

import dev.concurrencybench.harness.microbench.JmhRun;
import dev.concurrencybench.report.results.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code bench microbench}: the JMH benchmarks of stages, hand-offs and thread creation. */
@Command(name = "microbench", mixinStandardHelpOptions = true,
        description = {"Run the JMH microbenchmarks (stage costs on real bytes, hand-off costs, thread creation), "
                + "write JMH's JSON to results/<run-id>/microbench/jmh.json and print JMH's table.",
                "Full mode uses each benchmark's own forks and iterations (about 11 minutes for all); "
                        + "--quick is a noisy smoke run (under 5 minutes)."})
public final class MicrobenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REGEX",
            description = "Only benchmarks whose name matches (JMH's selector), e.g. handoff or 'Tls.*'")
    String regex;

    @Option(names = "--quick", description = "1 fork, 1x1 s warm-up, 2x1 s measurement: a smoke run, numbers are noisy")
    boolean quick;

    @Option(names = "--gc", description = "Add JMH's GC profiler: allocation per operation (gc.alloc.rate.norm, B/op)")
    boolean gc;

    @Option(names = "--results", defaultValue = "results", description = "Results root folder (default: ${DEFAULT-VALUE})")
    Path resultsRoot;

    @Option(names = "--microbench-target", defaultValue = "microbench/target",
            description = "Folder with microbench.jar and lib/ (default: ${DEFAULT-VALUE})")
    Path target;

    @Option(names = "--jmh-arg", paramLabel = "ARG", description = "Extra option passed to JMH as is (repeatable)")
    List<String> jmhArgs = List.of();

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommandLine cl = spec.commandLine();
        if (regex != null) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new CommandLine.ParameterException(cl, "REGEX is not a regular expression: " + e.getDescription());
            }
        }
        JmhRun probe = new JmhRun(target, regex, quick, gc, jmhArgs, target.resolve("unused.json"));
        try {
            probe.jar();
        } catch (IOException e) {
            throw new Main.UserError(e.getMessage());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", "microbench");
        facts.put("regex", regex);
        facts.put("quick", quick);
        facts.put("gcProfiler", gc);
        RunRecord run = RunRecord.create(resultsRoot, "microbench", facts);
        Path json = run.dir().resolve("microbench").resolve("jmh.json");
        JmhRun jmh = new JmhRun(target, regex, quick, gc, jmhArgs, json);
        run.put("jmhCommand", jmh.command());
        Thread hook = new Thread(() -> run.finish("interrupted", "stopped before the end (signal)"));
        Runtime.getRuntime().addShutdownHook(hook);
        if (quick) {
            System.out.println("bench microbench: QUICK MODE (1 fork, 1x1 s warm-up, 2x1 s measurement): a smoke run, "
                    + "the numbers are noisy; take figures from a full run on a quiet machine.");
        }
        System.out.println("bench microbench: JMH -> " + json);
        int code = jmh.run();
        run.finish(code == 0 ? "complete" : "failed", code == 0 ? null : "JMH exited with " + code);
        Runtime.getRuntime().removeShutdownHook(hook);
        if (quick) System.out.println("bench microbench: quick mode: noisy figures.");
        System.out.println("results: " + json + (code == 0 ? "" : " (JMH failed with exit code " + code + ")"));
        return code == 0 ? 0 : 1;
    }
}

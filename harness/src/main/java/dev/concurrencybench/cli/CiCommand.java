package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.Orchestrator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench ci}: the CI profile, a preset of {@code bench run} sized to about ten minutes on a 2-core machine:
 * every server, scenarios {@value #SCENARIOS_TEXT}, K = {@value #DEFAULT_REPEAT} repetitions, 4 s warm-up and
 * 17 s measurement each. 17 s at the scenarios' 2000 req/s is 34 000 requests per repetition, so three give the
 * 100 000 requests per side that P99.9 needs in {@code bench compare}; 4 servers × 2 scenarios × 3 repetitions ×
 * ~23 s (start, verify, warm-up, measure, stop) ≈ 9–10 minutes.
 */
@Command(name = "ci", mixinStandardHelpOptions = true,
        description = {"The CI profile: 'bench run' with every server, scenarios plaintext and json, --repeat 3, "
                + "warm-up 4s, 17s each (about 10 minutes on 2 cores). Every 'run' flag applies and overrides the "
                + "preset.",
                "Then: bench compare <baseline run> <this run>  (exit code 1 on a gating regression)."})
public final class CiCommand implements Callable<Integer> {

    static final String SCENARIOS_TEXT = "plaintext, json";
    /** Repetitions of the profile. */
    static final int DEFAULT_REPEAT = 3;
    static final List<String> SCENARIOS = List.of("plaintext", "json");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--scenario", arity = "1..*", split = ",",
            description = "Scenario names (default: " + SCENARIOS_TEXT + ")")
    List<String> scenarios;

    @Option(names = "--repeat", defaultValue = "" + DEFAULT_REPEAT, paramLabel = "K",
            description = "Repetitions per server×scenario (default: ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() {
        if (repeat < 1 || repeat > RunCommand.MAX_REPEAT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be 1.." + RunCommand.MAX_REPEAT);
        }
        var plan = options.plan(spec.commandLine(), scenarios == null ? SCENARIOS : scenarios,
                Duration.ofSeconds(4), Duration.ofSeconds(17));
        try {
            return new Orchestrator(plan).repeat(repeat).run();
        } catch (Exception e) {
            System.err.println("bench ci: error: " + e.getMessage());
            return 1;
        }
    }
}

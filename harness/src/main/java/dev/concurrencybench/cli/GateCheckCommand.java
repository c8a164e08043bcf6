package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.GateCheck;
import dev.concurrencybench.report.compare.CompareInputException;
import dev.concurrencybench.report.compare.CompareSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code bench gate-check}: the false-alarm rate, detection rate and minimum detectable effect of the gate here. */
@Command(name = "gate-check", mixinStandardHelpOptions = true,
        description = {"Check the regression gate on this machine: runs A1, B1, A2, B2, ... A(N+1) (each a full run "
                + "with --repeat K; B with an injected busy-spin per request), compares A(t) with A(t+1) and A(t) "
                + "with B(t), and prints the false-alarm rate, the detection rate, the P99 effect of the injected "
                + "delay and the minimum detectable P99 effect at this K.",
                "Defaults are the CI profile (scenarios plaintext, json, K=3, 4s+17s) and 20 trials: about "
                        + "41 runs, hours on all four servers; pick one with --servers to shorten it.",
                "The runs stay in results/gate-check-<time>/: --from judges them again, e.g. with another "
                        + "--p99-delta, in a minute or two."})
public final class GateCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--scenario", arity = "1..*", split = ",",
            description = "Scenario names (default: " + CiCommand.SCENARIOS_TEXT + ")")
    List<String> scenarios;

    @Option(names = "--repeat", defaultValue = "" + CiCommand.DEFAULT_REPEAT, paramLabel = "K",
            description = "Repetitions per run (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--trials", defaultValue = "20", paramLabel = "N",
            description = "A/A and A/B comparisons (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--delay-us", paramLabel = "N",
            description = "The B runs' injected busy-spin per request, µs (default: 10%% of A1's P99, at most a "
                    + "tenth of a CPU at the target rate)")
    Long delay;

    @Option(names = "--p99-delta", paramLabel = "PCT", description = "P99 tolerance δ in percent (default: 10)")
    String p99Delta;

    @Option(names = "--from", paramLabel = "DIR",
            description = "Judge an earlier check's runs again instead of running anything (e.g. with another "
                    + "--p99-delta): DIR is its gate-check-<time>/ folder; only --p99-delta applies")
    Path from;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (repeat < 1 || repeat > RunCommand.MAX_REPEAT) {
            throw new CommandLine.ParameterException(cl, "--repeat must be 1.." + RunCommand.MAX_REPEAT);
        }
        if (trials < 1 || trials > 1000) throw new CommandLine.ParameterException(cl, "--trials must be 1..1000");
        if (delay != null && (delay < 1 || delay > 1_000_000)) {
            throw new CommandLine.ParameterException(cl, "--delay-us must be 1..1000000");
        }
        if (options.injectDelayMicros != 0) {
            throw new CommandLine.ParameterException(cl, "gate-check sets the injected delay itself: use --delay-us");
        }
        CompareSettings settings = CompareSettings.defaults();
        try {
            if (p99Delta != null) {
                settings = settings.withDelta(CompareSettings.metric("p99"), CompareSettings.percent(p99Delta));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--p99-delta: " + e.getMessage());
        }
        if (from != null) {
            try {
                GateCheck.reanalyse(from, settings, System.out);
                return 0;
            } catch (CompareInputException e) {
                throw new Main.UserError(e.getMessage());
            } catch (Exception e) {
                System.err.println("bench gate-check: error: " + e.getMessage());
                return 1;
            }
        }
        var plan = options.plan(cl, scenarios == null ? CiCommand.SCENARIOS : scenarios, Duration.ofSeconds(4),
                Duration.ofSeconds(17));
        try {
            return new GateCheck(plan, repeat, trials, delay, settings).run();
        } catch (CompareInputException e) {
            throw new Main.UserError(e.getMessage());
        } catch (Exception e) {
            System.err.println("bench gate-check: error: " + e.getMessage());
            return 1;
        }
    }
}

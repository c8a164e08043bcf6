package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.Sweep;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code bench sweep}: one scenario at rising rates per server until P99 breaks the SLO or the rate falls short. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a scenario at rising rates per server until P99 exceeds --slo or the achieved rate falls "
                + "more than 1%% short; records the latency-vs-throughput curve and the highest rate within the SLO.")
public final class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--scenario", defaultValue = "plaintext", description = "Scenario (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--from", description = "First rate, requests/s (default: --rate, else the scenario's rate / 2)")
    Double from;

    @Option(names = "--factor", defaultValue = "1.5", description = "Rate multiplier per step (default: ${DEFAULT-VALUE})")
    double factor;

    @Option(names = "--max-steps", defaultValue = "8", description = "Steps per server at most (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--slo", defaultValue = "10ms", converter = DurationConverter.class,
            description = "SLO on corrected P99 (default: ${DEFAULT-VALUE})")
    Duration slo;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (!(factor > 1)) throw new CommandLine.ParameterException(cl, "--factor must be > 1");
        if (maxSteps < 1) throw new CommandLine.ParameterException(cl, "--max-steps must be >= 1");
        if (from != null && !(from > 0)) throw new CommandLine.ParameterException(cl, "--from must be > 0 requests/s");
        var plan = options.plan(cl, List.of(scenario), Duration.ofSeconds(3), Duration.ofSeconds(10));
        double start = from != null ? from : options.rate != null ? options.rate : plan.scenarios().get(0).rate() / 2;
        long sloMicros = Math.max(1, slo.toNanos() / 1000);
        var stepPlan = new dev.concurrencybench.harness.run.RunPlan(plan.servers(), plan.scenarios(), null,
                plan.connections(), plan.warmupNanos(), plan.durationNanos(), plan.tls(), plan.cpus(), plan.launcher(),
                plan.resultsRoot(), plan.out(), plan.drivers());
        try {
            return Sweep.run(stepPlan, start, factor, maxSteps, sloMicros);
        } catch (Exception e) {
            System.err.println("bench sweep: error: " + e.getMessage());
            return 1;
        }
    }
}

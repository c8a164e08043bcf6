package dev.concurrencybench.cli;

import dev.concurrencybench.harness.run.Instrument;
import dev.concurrencybench.harness.run.Orchestrator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code bench run}: every server × scenario, measured; results under {@code results/<run-id>/}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Start each server as its own pinned JVM, verify it, warm up, measure with the precise "
                + "open-loop driver (and/or Gatling: --driver), sample it from /proc, stop it; results under results/<run-id>/.",
                "Before the first server, the driver warms itself up and measures its own noise floor (see 'bench "
                + "calibrate'), printed as the table's first row.",
                "Defaults: all servers; scenarios plaintext, json, work-mixed-blocking; warm-up 5s; 15s each."})
public final class RunCommand implements Callable<Integer> {

    /** The scenarios of a plain {@code ./bench run}. */
    public static final List<String> DEFAULT_SCENARIOS = List.of("plaintext", "json", "work-mixed-blocking");

    /** More repetitions than this is a typo, not a plan (each is a server JVM and a full measurement). */
    static final int MAX_REPEAT = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--scenario", arity = "1..*", split = ",", description = "Scenario names (see 'bench scenarios')")
    List<String> scenarios;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "K",
            description = "Repetitions per server×scenario, each a fresh server JVM with its own warm-up, interleaved "
                    + "round-robin (rep-<i>/ folders plus a merged summary); what 'bench compare' needs (default: 1)")
    int repeat;

    @Option(names = "--no-floor", description = "Skip the noise-floor measurement before the first server")
    boolean noFloor;

    @Option(names = "--instrument", defaultValue = "auto",
            description = "What the floor is measured against: nginx, responder (the bench responder) or auto "
                    + "(nginx when installed; default)")
    String instrument;

    @Override
    public Integer call() {
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be 1.." + MAX_REPEAT);
        }
        Instrument.Kind kind;
        try {
            kind = Instrument.Kind.parse(instrument);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--instrument: " + e.getMessage());
        }
        var plan = options.plan(spec.commandLine(), scenarios == null ? DEFAULT_SCENARIOS : scenarios,
                Duration.ofSeconds(5), Duration.ofSeconds(15));
        try {
            return new Orchestrator(plan, new Orchestrator.FloorOptions(!noFloor, kind)).repeat(repeat).run();
        } catch (Exception e) {
            System.err.println("bench run: error: " + e.getMessage());
            return 1;
        }
    }
}

package dev.concurrencybench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bench} command. Minimal stand-in on the loadgen branch; reconciled with main's on merge. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "concurrency-bench: one pipeline, four concurrency models, measured.",
        subcommands = {RunCommand.class, LoadCommand.class, SweepCommand.class, ScenariosCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}

package dev.concurrencybench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code bench}: the suite's one command line. The {@code bench} script at the repository root finds a JDK 21+,
 * builds when needed and runs this class.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "concurrency-bench 0.1.0",
        description = "One HTTP/1.1 + TLS + JSON pipeline, four concurrency models, measured.",
        subcommands = {ServeCommand.class, RunCommand.class, LoadCommand.class, SweepCommand.class, ReportCommand.class,
                ScenariosCommand.class, CalibrateCommand.class, CiCommand.class, CompareCommand.class,
                GateCheckCommand.class, MicrobenchCommand.class, TradeoffsCommand.class, RatioCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute it without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(Main::reportBadArguments);
        cli.setExecutionStrategy(Main::refuseUnmatched);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError) {
                cmd.getErr().println("bench: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** One clear line and the command's usage, never a stack trace; exit code 2. */
    private static int reportBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("bench: " + e.getMessage());
        cmd.getErr().println();
        cmd.usage(cmd.getErr());
        return 2;
    }

    /**
     * Picocli skips its unmatched-argument check when {@code --help} is present, so {@code bench nonsense --help}
     * would print the top-level usage and exit 0; an unknown command must fail the same way with or without it.
     */
    private static int refuseUnmatched(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                CommandLine cmd = p.commandSpec().commandLine();
                cmd.getErr().println("bench: unknown command or argument '" + p.unmatched().get(0) + "' for '"
                        + p.commandSpec().qualifiedName() + "' (see '" + p.commandSpec().qualifiedName() + " --help')");
                return 2;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A problem with the user's input (a file, a value): reported as one line, exit code 2. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.concurrencybench.cli;

import dev.concurrencybench.loadgen.scenario.BackgroundGroup;
import dev.concurrencybench.loadgen.scenario.Scenario;
import dev.concurrencybench.loadgen.scenario.ScenarioCatalog;
import dev.concurrencybench.loadgen.scenario.ScenarioException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench scenarios}: one line per scenario file. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the scenarios (one JSON file each in the scenarios/ folder; add your own there).")
public final class ScenariosCommand implements Callable<Integer> {

    @Option(names = "--scenario-dir", defaultValue = "scenarios", description = "Scenario folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() {
        try {
            for (Scenario s : ScenarioCatalog.load(dir).all()) {
                System.out.printf("%-22s %s%n", s.name(), s.description());
                if (s.hostile()) {
                    System.out.printf("%-22s   background: %s%n", "", String.join(", ",
                            s.background().stream().map(BackgroundGroup::describe).toList()));
                }
            }
            return 0;
        } catch (ScenarioException e) {
            System.err.println("bench scenarios: error: " + e.getMessage());
            return 1;
        }
    }
}

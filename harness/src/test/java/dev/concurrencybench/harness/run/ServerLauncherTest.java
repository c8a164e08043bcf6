package dev.concurrencybench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code bench run} passes to each server JVM: the defence flags only when the user gave them. */
class ServerLauncherTest {

    private static final CpuPlan NO_PINNING = CpuPlan.parse("none", 2);

    private static List<String> command(ServerLauncher launcher) {
        return launcher.command("threadpool", 8080, false, Path.of("stages.hlog"), Path.of("gc.log"));
    }

    @Test
    void defencesAreLeftToTheServersByDefault() {
        List<String> cmd = command(ServerLauncher.bench(NO_PINNING));
        assertFalse(cmd.contains("--max-connections"), cmd::toString);
        assertFalse(cmd.contains("--min-request-data-rate"), cmd::toString);
    }

    @Test
    void givenDefencesArePassedToEveryServerAndSurviveAnotherInjectedDelay() {
        ServerLauncher launcher = ServerLauncher.bench(NO_PINNING).withDefences(20_000, 0L).withInjectDelay(5);
        List<String> cmd = command(launcher);
        assertEquals(List.of("--max-connections", "20000"), after(cmd, "--max-connections"));
        assertEquals(List.of("--min-request-data-rate", "0"), after(cmd, "--min-request-data-rate"));
        assertTrue(cmd.contains("--inject-delay-us"), cmd::toString);
    }

    private static List<String> after(List<String> cmd, String flag) {
        int i = cmd.indexOf(flag);
        return i < 0 || i + 1 >= cmd.size() ? Collections.emptyList() : cmd.subList(i, i + 2);
    }
}

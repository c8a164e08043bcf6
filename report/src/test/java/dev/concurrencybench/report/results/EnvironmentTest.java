package dev.concurrencybench.report.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine facts run.json records, DAMON's state read from a sysfs-shaped folder. */
class EnvironmentTest {

    @TempDir
    Path tmp;

    private void kdamond(String name, String state) throws IOException {
        Files.createDirectories(tmp.resolve(name));
        Files.writeString(tmp.resolve(name).resolve("state"), state + "\n");
    }

    @Test
    void damonIsAbsentOffOrOnWithItsThreadCount() throws IOException {
        assertEquals("absent", Environment.damon(tmp.resolve("no-such-dir")));
        Files.writeString(tmp.resolve("nr_kdamonds"), "1\n");
        kdamond("0", "off");
        assertEquals("off", Environment.damon(tmp));
        kdamond("0", "on");
        assertEquals("on (1 kdamond)", Environment.damon(tmp));
        kdamond("1", "on");
        assertEquals("on (2 kdamonds)", Environment.damon(tmp));
    }

    @Test
    void factsNameTheKernelSettingsThatMoveATail() {
        Map<String, Object> f = Environment.facts();
        for (String k : new String[] {"clocksource", "cpuidle", "damon"}) {
            assertTrue(f.containsKey(k) && !f.get(k).toString().isBlank(), k + " in " + f);
        }
    }
}

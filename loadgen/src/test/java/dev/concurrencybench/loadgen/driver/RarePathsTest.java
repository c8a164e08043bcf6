package dev.concurrencybench.loadgen.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code bench} script keeps the driver loop's rare paths out of its compiled loop with
 * {@code -XX:CompileCommand=dontinline,dev.concurrencybench.loadgen.driver.Class::method}. HotSpot accepts a pattern
 * that names no method without a word, so a method that moved or was renamed would silently lose its flag: every
 * name the script lists must be a method of this package.
 */
class RarePathsTest {

    private static final Pattern LIST = Pattern.compile("(?m)^for m in ([^;]+); do\\s*\\n\\s*RARE_PATHS\\+=");

    @Test
    void everyDontinlineNameInBenchIsADriverMethod() throws Exception {
        String bench = Files.readString(Path.of("..", "bench"));
        Matcher m = LIST.matcher(bench);
        assertTrue(m.find(), "no 'for m in ...; do RARE_PATHS+=' loop in bench");
        List<String> names = List.of(m.group(1).trim().split("\\s+"));
        assertFalse(names.isEmpty());
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            String[] parts = name.split("::");
            Class<?> type;
            try {
                type = Class.forName(DriverLoop.class.getPackageName() + "." + parts[0]);
            } catch (ClassNotFoundException e) {
                missing.add(name + " (no such class)");
                continue;
            }
            boolean found = Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(parts[1]::equals);
            if (!found) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "bench names methods that do not exist: " + missing);
    }
}

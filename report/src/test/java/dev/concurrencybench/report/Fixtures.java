package dev.concurrencybench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The checked-in results folders under {@code src/test/resources/results/}: real (short) runs of {@code bench run}
 * (eventloop and reactive × plaintext and json, 3 s), {@code bench sweep} (eventloop, 2 steps), {@code bench load}
 * and a second run used as a baseline.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture folder (read it only; copy it before changing anything). */
    public static Path results(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/results/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable copy of a fixture under {@code into}. */
    public static Path copy(String name, Path into) {
        Path from = results(name);
        Path to = into.resolve(name);
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(p -> {
                try {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}

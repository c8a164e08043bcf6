package dev.concurrencybench.harness.tradeoffs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The programming-model row, as a fact rather than a measurement: lines of Java in a server module's
 * {@code src/main/java}, counting lines that hold code (not blank, not only comment). Every model runs the same
 * {@code pipeline}, so the difference is the concurrency model's own code.
 */
final class ServerModuleLines {

    /** Server id to module folder. */
    static Path moduleOf(Path root, String server) {
        return root.resolve(switch (server) {
            case "eventloop" -> "servers-nio-eventloop";
            case "virtual" -> "servers-virtualthreads";
            default -> "servers-" + server;
        });
    }

    private ServerModuleLines() {
    }

    /** Code lines and files of {@code module/src/main/java}; {-1, 0} when the folder is missing. */
    static long[] count(Path module) throws IOException {
        Path src = module.resolve("src/main/java");
        if (!Files.isDirectory(src)) return new long[] {-1, 0};
        try (Stream<Path> files = Files.walk(src)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            long lines = 0;
            for (Path p : java) lines += codeLines(Files.readAllLines(p));
            return new long[] {lines, java.size()};
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Lines with code: not blank, not a {@code //} line, not inside a block comment. */
    static long codeLines(List<String> lines) {
        long n = 0;
        boolean inBlock = false;
        for (String raw : lines) {
            String l = raw.strip();
            if (inBlock) {
                int end = l.indexOf("*/");
                if (end < 0) continue;
                inBlock = false;
                l = l.substring(end + 2).strip();
            }
            if (l.startsWith("/*")) {
                int end = l.indexOf("*/", 2);
                if (end < 0) {
                    inBlock = true;
                    continue;
                }
                l = l.substring(end + 2).strip();
            }
            if (l.isEmpty() || l.startsWith("//")) continue;
            n++;
        }
        return n;
    }
}

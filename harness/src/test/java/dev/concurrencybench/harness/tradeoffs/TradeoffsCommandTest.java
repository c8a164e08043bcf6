package dev.concurrencybench.harness.tradeoffs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concurrencybench.cli.Main;
import dev.concurrencybench.report.results.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench tradeoffs --quick} end to end against the real event-loop server: every row gets a figure, every
 * figure links to a file that exists (in tradeoffs.md and tradeoffs.html), the run is marked complete and no server outlives it. Tiny counts: this proves
 * the plumbing, never a number. The hand-off figures come from a JMH JSON fixture (the JMH jar is another module).
 */
class TradeoffsCommandTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void quickRunFillsEveryRowWithLinkedFigures() throws Exception {
        Path jmh = Path.of(getClass().getResource("/tradeoffs/jmh-handoff.json").toURI());
        Path results = tmp.resolve("results");
        int code = Main.commandLine().execute("tradeoffs", "--quick", "--servers", "eventloop",
                "--microbench-json", jmh.toString(), "--scenario-dir", "../scenarios", "--source-root", "..",
                "--results", results.toString());
        assertEquals(0, code);
        Path dir;
        try (Stream<Path> s = Files.list(results)) {
            dir = s.findFirst().orElseThrow();
        }
        JsonNode run = Json.MAPPER.readTree(dir.resolve("run.json").toFile());
        assertEquals("complete", run.get("status").asText());
        String md = Files.readString(dir.resolve("tradeoffs.md"));
        assertTrue(md.contains("QUICK MODE"), md);
        assertFalse(md.contains("not measured"), md);
        assertTrue(md.contains("Selector.wakeup task 1,234 ns per hand-off"), md);
        assertTrue(md.contains("50 idle conns:"), md);
        assertTrue(md.contains("switches/request"), md);
        assertTrue(md.contains("lines of code"), md);
        Matcher links = Pattern.compile("\\]\\(([^)]+)\\)").matcher(md);
        int n = 0;
        while (links.find()) {
            n++;
            assertTrue(Files.exists(dir.resolve(links.group(1))), "dangling link " + links.group(1));
        }
        assertTrue(n >= 7, "links: " + n);
        String html = Files.readString(dir.resolve("tradeoffs.html"));
        assertFalse(html.contains("http://") || html.contains("https://"), "tradeoffs.html is self-contained");
        Matcher hrefs = Pattern.compile("href=\"([^\"]+)\"").matcher(html);
        int h = 0;
        while (hrefs.find()) {
            h++;
            assertTrue(Files.exists(dir.resolve(hrefs.group(1).replace("%20", " "))), "dangling href " + hrefs.group(1));
        }
        assertTrue(h >= n, "every Markdown link is in the HTML too: " + h + " < " + n);
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains(dir.toString())).orElse(false)),
                "a server outlived the tradeoffs run");
    }
}

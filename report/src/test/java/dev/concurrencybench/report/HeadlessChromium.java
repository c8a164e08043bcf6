package dev.concurrencybench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concurrencybench.report.results.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the Chrome DevTools protocol with the JDK's own WebSocket client: no
 * Selenium, no driver download, nothing that goes online. Chromium listens on a loopback port it picks
 * ({@code --remote-debugging-port=0}, read back from {@code DevToolsActivePort}); host resolution is switched off so
 * the page cannot fetch anything remote even if it tried. One page per instance; commands are sent one at a time
 * from the test thread, events arrive on the WebSocket's thread.
 */
final class HeadlessChromium implements AutoCloseable {

    private final Process process;
    private final WebSocket socket;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** The browser binary: {@code -Dreport.chromium=…}, else Debian's. */
    static Path binary() {
        return Path.of(System.getProperty("report.chromium", "/usr/bin/chromium"));
    }

    HeadlessChromium(Path profile) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,900",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "about:blank"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("chromium did not start; see " + profile.resolveSibling("chromium.log"));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, new Listener())
                .get(30, TimeUnit.SECONDS);
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        send(session, "Page.enable", Map.of());
        send(session, "Runtime.enable", Map.of());
        send(session, "Log.enable", Map.of());
    }

    /** Opens {@code file} and waits for its load event. */
    void open(Path file) throws Exception {
        send(session, "Page.navigate", Map.of("url", file.toUri().toString()));
        loaded.get(60, TimeUnit.SECONDS);
    }

    /** Evaluates a JavaScript expression in the page and returns its value (JSON). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return r.path("result").path("value");
    }

    /** Console errors, uncaught exceptions and error log entries seen so far, one line each. */
    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String m = e.path("method").asText();
            JsonNode p = e.path("params");
            if (m.equals("Runtime.consoleAPICalled") && List.of("error", "assert").contains(p.path("type").asText())) {
                out.add("console." + p.path("type").asText() + ": " + p.path("args").toString());
            } else if (m.equals("Runtime.exceptionThrown")) {
                out.add("exception: " + p.path("exceptionDetails").toString());
            } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
            }
        }
        return out;
    }

    /** A PNG of the whole page, not only the window. */
    byte[] screenshot() throws Exception {
        JsonNode metrics = send(session, "Page.getLayoutMetrics", Map.of());
        JsonNode size = metrics.path("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
                "height", size.path("height").asDouble(), "scale", 1);
        JsonNode r = send(session, "Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        return java.util.Base64.getDecoder().decode(r.path("data").asText());
    }

    private JsonNode send(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        msg.set("params", Json.MAPPER.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(Json.MAPPER.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** Reassembles text frames into messages: replies complete their command, everything else is an event. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = Json.MAPPER.readTree(partial.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        events.add(msg);
                        if (msg.path("method").asText().equals("Page.loadEventFired")) {
                            loaded.complete(null);
                        }
                    }
                } catch (IOException e) {
                    events.add(Json.MAPPER.createObjectNode().put("method", "unreadable").put("text", e.getMessage()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}

package dev.concurrencybench.loadgen.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.driver.RequestTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {

    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), json);
    }

    private String error(String json) throws IOException {
        Path f = write("bad", json);
        return assertThrows(ScenarioException.class, () -> ScenarioCatalog.parse(f)).getMessage();
    }

    @Test
    void shippedScenariosAllParse() throws Exception {
        ScenarioCatalog c = ScenarioCatalog.load(Path.of("..", "scenarios"));
        List<String> names = c.all().stream().map(Scenario::name).toList();
        assertTrue(names.containsAll(List.of("plaintext", "json", "work-cpu", "work-io", "work-mixed-blocking",
                "tls-json", "handshake")), names.toString());
        assertTrue(c.get("handshake").connectionPerRequest() && c.get("handshake").tls());
    }

    @Test
    void mixedWorkScenarioBecomesWeightedTemplatesWithJsonBodies() throws Exception {
        write("mix", """
                {"description": "mix", "rate": 500, "connections": 4,
                 "requests": [
                   {"name": "cheap", "weight": 99, "path": "/work", "work": {"cpuIterations": 1, "ioMicros": 0, "blockMicros": 0}},
                   {"name": "blocking", "weight": 1, "path": "/work", "work": {"cpuIterations": 1, "ioMicros": 0, "blockMicros": 5000, "payload": {"a": [1]}}}
                 ]}""");
        Scenario s = ScenarioCatalog.load(dir).get("mix");
        assertEquals(500, s.rate());
        List<RequestTemplate> t = s.templates("127.0.0.1:1");
        assertEquals(2, t.size());
        assertEquals(99, t.get(0).weight());
        String req = new String(t.get(1).bytes(), StandardCharsets.UTF_8);
        assertTrue(req.startsWith("POST /work HTTP/1.1\r\n"), req);
        assertTrue(req.endsWith("\r\n\r\n{\"cpuIterations\":1,\"ioMicros\":0,\"blockMicros\":5000,\"payload\":{\"a\":[1]}}"), req);
        assertTrue(req.contains("Content-Length: 71\r\n"), req);
        assertEquals("\"digest\"", t.get(1).expectContains());
    }

    @Test
    void plaintextDefaultsToGetWithTheContractBody() throws Exception {
        write("p", "{\"description\": \"d\", \"requests\": [{\"path\": \"/plaintext\"}]}");
        Scenario s = ScenarioCatalog.load(dir).get("p");
        RequestTemplate t = s.templates("h:1").get(0);
        assertEquals("plaintext", t.name());
        assertEquals("Hello, World!", t.expectBody());
        assertTrue(new String(t.bytes(), StandardCharsets.US_ASCII).startsWith("GET /plaintext HTTP/1.1\r\nHost: h:1\r\n"));
        assertEquals(1000, s.rate());
        assertEquals(16, s.connections());
    }

    @Test
    void invalidFilesGiveOneLineReasons() throws Exception {
        assertTrue(error("{\"requests\": [{\"path\": \"/x\"}]}").contains("description"));
        assertTrue(error("{\"description\": \"d\", \"requests\": []}").contains("at least one"));
        assertTrue(error("{\"description\": \"d\", \"rate\": 0, \"requests\": [{\"path\": \"/x\"}]}").contains("'rate'"));
        assertTrue(error("{\"description\": \"d\", \"requests\": [{\"path\": \"x\"}]}").contains("'path'"));
        assertTrue(error("{\"description\": \"d\", \"requests\": [{\"path\": \"/x\", \"weight\": -1}]}").contains("'weight'"));
        assertTrue(error("{\"description\": \"d\", \"requests\": [{\"path\": \"/x\", \"method\": \"PUT\"}]}").contains("'method'"));
        assertTrue(error("{\"description\": \"d\", \"speed\": 3, \"requests\": [{\"path\": \"/x\"}]}").contains("unknown field 'speed'"));
        assertTrue(error("{\"description\": \"d\", \"requests\": [{\"path\": \"/x\"}, {\"path\": \"/x\"}]}").contains("duplicate"));
        assertTrue(error("{\"description\": \"d\", \"pipeline\": 2, \"connectionPerRequest\": true, \"requests\": [{\"path\": \"/x\"}]}")
                .contains("keep-alive"));
        assertTrue(error("{\"description\": \"d\", \"requests\": [{\"path\": \"/work\", \"work\": {\"cpuIterations\": -1, \"ioMicros\": 0, \"blockMicros\": 0}}]}")
                .contains(">= 0"));
        assertTrue(error("{not json").startsWith(dir.resolve("bad.json").toString()));
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() throws Exception {
        write("alpha", "{\"description\": \"d\", \"requests\": [{\"path\": \"/x\"}]}");
        String msg = assertThrows(ScenarioException.class, () -> ScenarioCatalog.load(dir).get("beta")).getMessage();
        assertTrue(msg.contains("alpha"), msg);
    }
}

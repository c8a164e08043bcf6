package dev.concurrencybench.crossmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.loadgen.driver.DriverConfig;
import dev.concurrencybench.loadgen.driver.DriverResult;
import dev.concurrencybench.loadgen.driver.PreciseDriver;
import dev.concurrencybench.loadgen.driver.RequestTemplate;
import dev.concurrencybench.loadgen.driver.Target;
import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.pipeline.tls.TlsSettings;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precise driver against the real servers, in every mode a scenario can ask for: keep-alive over plain HTTP
 * and TLS 1.3/1.2, pipelining, a new TLS connection per request, a weighted mix with a JSON body; zero errors and
 * every scheduled request answered.
 */
class DriverAgainstServersTest {

    private static final long MS = 1_000_000L;

    static Stream<String> models() {
        return ServiceLoader.load(ServerProvider.class).stream().map(p -> p.get().id()).sorted();
    }

    private static ServerProvider provider(String id) {
        return ServiceLoader.load(ServerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static DriverResult drive(Server server, boolean tls, DriverConfig.Mode mode, int pipeline, double rate)
            throws Exception {
        Target t = new Target("127.0.0.1", server.address().getPort(), tls, "/plaintext");
        List<RequestTemplate> mix = List.of(
                RequestTemplate.http("plaintext", 8, "GET", t.hostHeader(), "/plaintext", null, 200, "Hello, World!", null),
                RequestTemplate.http("json", 1, "GET", t.hostHeader(), "/json", null, 200,
                        "{\"message\":\"Hello, World!\"}", null),
                RequestTemplate.http("work", 1, "POST", t.hostHeader(), "/work",
                        "{\"cpuIterations\":2,\"ioMicros\":0,\"blockMicros\":0,\"payload\":{\"a\":1}}", 200, null, "\"digest\""));
        DriverConfig c = new DriverConfig(t, mix, mode, rate, false, 4, pipeline, 200 * MS, 1_000 * MS,
                10_000 * MS, 1, 1, 42);
        return PreciseDriver.run(c, null);
    }

    @ParameterizedTest
    @MethodSource("models")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyModeRunsCleanlyAgainstEveryModel(String model) throws Exception {
        ServerConfig plain = ServerConfig.builder().limits(HttpLimits.defaults()).build();
        try (Server server = provider(model).start(plain)) {
            check(model + " keep-alive", drive(server, false, DriverConfig.Mode.OPEN_KEEP_ALIVE, 1, 1_000), 1_000);
            check(model + " pipelined", drive(server, false, DriverConfig.Mode.OPEN_KEEP_ALIVE, 4, 2_000), 2_000);
            check(model + " connection per request",
                    drive(server, false, DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST, 1, 200), 200);
            DriverResult closed = drive(server, false, DriverConfig.Mode.CLOSED_LOOP, 2, 0);
            assertEquals(0, closed.counts().errors(), () -> model + " closed loop: " + closed.firstErrors());
            assertTrue(closed.counts().completed() > 500, model + " closed loop: " + closed.counts());
        }
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            ServerConfig tls = plain.toBuilder().tls(new TlsSettings(true, protocol, null, null)).build();
            try (Server server = provider(model).start(tls)) {
                check(model + " " + protocol, drive(server, true, DriverConfig.Mode.OPEN_KEEP_ALIVE, 1, 500), 500);
                check(model + " " + protocol + " pipelined",
                        drive(server, true, DriverConfig.Mode.OPEN_KEEP_ALIVE, 3, 1_000), 1_000);
                check(model + " " + protocol + " connection per request",
                        drive(server, true, DriverConfig.Mode.OPEN_CONNECTION_PER_REQUEST, 1, 100), 100);
            }
        }
    }

    private static void check(String what, DriverResult r, long expected) {
        assertEquals(0, r.counts().errors(), () -> what + ": " + r.firstErrors());
        assertEquals(0, r.counts().notSent(), what);
        assertEquals(expected, r.counts().completed(), what);
        assertEquals(expected, r.counts().bodiesChecked(), what + ": every body checked (bodyCheckEvery 1)");
        assertEquals(3, r.correctedByClass().size(), what);
    }
}

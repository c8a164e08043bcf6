package dev.concurrencybench.crossmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrencybench.pipeline.http.HttpLimits;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The promise behind every comparison: all models answer the same bytes. One request set, good and bad, goes to
 * every server found through {@link ServiceLoader}; status line, headers (minus the Date value), body and whether
 * the server closed the connection afterwards must be identical across models.
 */
class IdenticalResponsesTest {

    private static final Set<String> MODELS = Set.of("threadpool", "eventloop", "virtual", "reactive");

    private static final List<String> REQUESTS = List.of(
            "GET /plaintext HTTP/1.1\r\nHost: t\r\n\r\n",
            "GET /json HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
            work("{\"cpuIterations\":25,\"ioMicros\":300,\"blockMicros\":100,\"payload\":{\"k\":[1,2,\"x\"]}}"),
            work("{\"cpuIterations\":-1}"),
            work("{\"cpuIterations\":1,"),
            work("[1,2]"),
            "POST /work HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
            "POST /work HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\n{\"cpu\r\n12\r\nIterations\":3}    \r\n0\r\nX-Trailer: y\r\n\r\n",
            "GET /missing HTTP/1.1\r\nHost: t\r\n\r\n",
            "POST /plaintext HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n",
            "GET /work HTTP/1.1\r\nHost: t\r\n\r\n",
            "GET /plaintext HTTP/1.0\r\n\r\n",
            "GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET /plaintext HTTP/1.1\r\n\r\n",
            "GET /plaintext HTTP/2.0\r\nHost: t\r\n\r\n",
            "POST /work HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /work HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST /work HTTP/1.1\r\nHost: t\r\nContent-Length: 1, 2\r\n\r\n",
            "GET /plaintext HTTP/1.1\r\nHost : t\r\n\r\n",
            "GET /plaintext HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n",
            "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: t\r\n\r\n",
            "GET /plaintext HTTP/1.1\r\nHost: t\r\n" + "X-Filler: y\r\n".repeat(120) + "\r\n",
            "POST /work HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n");

    private static String work(String body) {
        return "POST /work HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    @Timeout(120)
    void everyModelAnswersTheSameBytes() throws Exception {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (ServiceLoader.Provider<ServerProvider> p : ServiceLoader.load(ServerProvider.class).stream().toList()) {
            ServerProvider provider = p.get();
            ServerConfig config = ServerConfig.builder().limits(HttpLimits.defaults()).build();
            try (Server server = provider.start(config)) {
                List<String> got = new ArrayList<>();
                for (String request : REQUESTS) got.add(exchange(server.address(), request));
                answers.put(provider.id(), got);
            }
        }
        assertEquals(MODELS, answers.keySet(), "every model must be on the classpath");
        String reference = answers.keySet().iterator().next();
        for (Map.Entry<String, List<String>> e : answers.entrySet()) {
            for (int i = 0; i < REQUESTS.size(); i++) {
                int index = i;
                assertEquals(answers.get(reference).get(i), e.getValue().get(i),
                        () -> e.getKey() + " differs from " + reference + " on request #" + index + ": "
                                + REQUESTS.get(index).lines().findFirst().orElse(""));
            }
        }
        assertTrue(answers.get(reference).get(0).startsWith("HTTP/1.1 200 OK"), answers.get(reference).get(0));
    }

    /** Sends one request on a fresh connection; returns the response (Date masked) and whether the server closed. */
    private static String exchange(InetSocketAddress address, String request) throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(line.substring(15).trim());
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            String closed;
            s.setSoTimeout(300);
            try {
                closed = in.read() < 0 ? "closed" : "extra bytes";
            } catch (SocketTimeoutException e) {
                closed = "open";
            } catch (IOException e) {
                closed = "closed";
            }
            return head.replaceAll("Date: [^\r]*", "Date: *") + body + "\n[" + closed + "]";
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}

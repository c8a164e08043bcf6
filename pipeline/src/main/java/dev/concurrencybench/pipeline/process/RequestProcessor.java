package dev.concurrencybench.pipeline.process;

import dev.concurrencybench.pipeline.http.HttpHeaders;
import dev.concurrencybench.pipeline.http.HttpRequest;
import dev.concurrencybench.pipeline.http.HttpResponse;
import dev.concurrencybench.pipeline.json.JsonCodec;
import dev.concurrencybench.pipeline.json.JsonDecodeException;
import dev.concurrencybench.pipeline.json.WorkRequest;
import dev.concurrencybench.pipeline.json.WorkResult;
import dev.concurrencybench.pipeline.stage.Stage;
import dev.concurrencybench.pipeline.stage.StageRecorders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The process stage: routes a parsed request to {@code /plaintext}, {@code /json} or {@code /work} and produces its
 * response, identically for every model.
 *
 * <p>Methods: GET and HEAD on {@code /plaintext} and {@code /json}, POST on {@code /work}; another implemented
 * method gets 405 with {@code Allow}, an unimplemented or unknown one 501. HEAD is answered as GET; the body is
 * dropped by the connection, not here.
 *
 * <p>{@code /work} runs in three steps: CPU (through {@link WaitStrategy#runCpu}), the non-blocking I/O wait (through
 * {@link WaitStrategy#awaitIo}, the model's idiom) and the deliberately blocking wait (always on the thread that runs
 * the continuation — the "blocking call inside an event loop" bug, kept so its cost can be measured).
 *
 * <p>Threading: stateless apart from thread-safe collaborators; one instance serves every thread. {@code done} is
 * called exactly once per request, on whatever thread the wait strategy resumes on.
 */
public final class RequestProcessor {

    /** The methods this server implements (RFC 9110 §9.1: GET and HEAD are mandatory); others get 501. */
    private static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST");
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final String TEXT = "text/plain";
    private static final String JSON = "application/json";

    private final JsonCodec json;
    private final StageRecorders stages;
    private final long injectDelayNanos;

    public RequestProcessor(JsonCodec json, StageRecorders stages) {
        this(json, stages, 0);
    }

    /** @param injectDelayMicros busy-spin per request, µs (0: none); a known slowdown to test a regression gate */
    public RequestProcessor(JsonCodec json, StageRecorders stages, long injectDelayMicros) {
        this.json = json;
        this.stages = stages;
        this.injectDelayNanos = injectDelayMicros * 1_000;
    }

    /**
     * Produces the response to {@code request} and hands it to {@code done}.
     *
     * @param request a complete request from the parser
     * @param wait    the model's waiting strategy
     * @param done    receives the response, exactly once
     */
    public void process(HttpRequest request, WaitStrategy wait, Consumer<HttpResponse> done) {
        if (injectDelayNanos > 0) {
            spin(injectDelayNanos);
        }
        if (!IMPLEMENTED.contains(request.method())) {
            // RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or not
            // implemented SHOULD respond with the 501 (Not Implemented) status code." Methods are case-sensitive,
            // so "get" lands here too.
            done.accept(error(501, "method not implemented", List.of()));
            return;
        }
        // Only /work may complete later, on another thread: the others answer inline, without a wrapping callback.
        switch (request.path()) {
            case "/plaintext" -> done.accept(isGetOrHead(request) ? HttpResponse.of(200, TEXT, HELLO)
                    : methodNotAllowed("GET, HEAD"));
            case "/json" -> done.accept(isGetOrHead(request) ? HttpResponse.of(200, JSON, json.helloMessage())
                    : methodNotAllowed("GET, HEAD"));
            case "/work" -> work(request, wait, done);
            default -> done.accept(error(404, "no such resource", List.of()));
        }
    }

    /** Burns CPU on the calling thread: a slowdown every model pays the same way, unlike a sleep (gate-check). */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** A JSON error response, {@code {"error":"…"}}; used for every 4xx/5xx the suite sends. */
    public HttpResponse error(int status, String message, List<HttpHeaders.Field> extraHeaders) {
        return new HttpResponse(status, JSON, json.errorBody(message), extraHeaders, false);
    }

    /**
     * GET, and HEAD answered exactly as GET (RFC 9110 §9.3.2: "the server SHOULD send the same header fields in
     * response to a HEAD request as it would have sent if the request method had been GET"); the connection drops
     * the body.
     */
    private static boolean isGetOrHead(HttpRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    private HttpResponse methodNotAllowed(String allow) {
        return error(405, "method not allowed", List.of(new HttpHeaders.Field("Allow", allow)));
    }

    private void work(HttpRequest request, WaitStrategy wait, Consumer<HttpResponse> done) {
        if (!request.method().equals("POST")) {
            done.accept(methodNotAllowed("POST"));
            return;
        }
        if (!isJson(request.headers().get("Content-Type"))) {
            done.accept(error(415, "Content-Type must be application/json", List.of()));
            return;
        }
        long decodeStart = stages.now();
        WorkRequest work;
        try {
            work = json.decodeWork(request.body());
        } catch (JsonDecodeException e) {
            done.accept(error(400, e.getMessage(), List.of()));
            return;
        } finally {
            stages.recordSince(Stage.DECODE, decodeStart);
        }
        wait.runCpu(() -> CpuWork.chainedSha256(work.payload(), work.cpuIterations()), digest -> {
            Runnable afterIo = () -> {
                WaitStrategy.Blocking.sleepMicros(work.blockMicros());
                WorkResult result = new WorkResult(digest, work.payload().length, work.cpuIterations(),
                        work.ioMicros(), work.blockMicros());
                done.accept(HttpResponse.of(200, JSON, json.workResult(result)));
            };
            if (work.ioMicros() > 0) {
                wait.awaitIo(work.ioMicros(), afterIo);
            } else {
                afterIo.run();
            }
        });
    }

    /** {@code application/json}, parameters (e.g. charset) allowed, case-insensitive (RFC 9110 §8.3.1). */
    private static boolean isJson(String contentType) {
        if (contentType == null) return false;
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return type.equals(JSON);
    }
}

package dev.concurrencybench.harness.ratio;

import dev.concurrencybench.harness.run.ResponseVerifier;
import dev.concurrencybench.harness.run.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One running server of the sitting, nginx or a model, pinned to the servers' CPU: where it listens and which
 * processes carry its CPU time. Closing it stops the process (and nginx's worker) and removes its scratch directory.
 */
public final class Contender implements AutoCloseable {

    private final String name;
    private final String description;
    private final ServerProcess process;
    private final boolean tls;
    private final Path scratch;

    /**
     * @param name        {@code nginx} or the model id
     * @param description what it is, e.g. {@code nginx 1.22.1 (1 worker)}
     * @param process     the started process
     * @param tls         whether it serves TLS
     * @param scratch     a directory to delete on close, or null
     */
    Contender(String name, String description, ServerProcess process, boolean tls, Path scratch) {
        this.name = name;
        this.description = description;
        this.process = process;
        this.tls = tls;
        this.scratch = scratch;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public int port() {
        return process.port();
    }

    public boolean alive() {
        return process.alive();
    }

    /**
     * Waits until it answers, then checks {@code /plaintext} and {@code /json} exactly as {@code bench run} does
     * (status, {@code Content-Type}, body, {@code Content-Length}, {@code Server} and {@code Date}).
     *
     * @throws IOException when it died, did not answer in time, or answered wrongly
     */
    public void awaitVerified(long deadlineNanos) throws IOException {
        process.awaitReady(tls, deadlineNanos);
        ResponseVerifier.verify(port(), tls);
    }

    /** The URL of {@code endpoint} on this server. */
    public String url(Endpoint endpoint) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port() + endpoint.path();
    }

    /** The process and its descendants (nginx's worker), whose CPU time is the server's. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = ProcessHandle.of(process.pid())
                .map(h -> h.descendants().toList()).orElse(List.of());
        process.stop();
        for (ProcessHandle c : children) {
            c.destroyForcibly(); // an nginx worker whose master was killed would otherwise keep the port
        }
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}

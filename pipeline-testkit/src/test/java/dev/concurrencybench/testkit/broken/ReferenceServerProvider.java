package dev.concurrencybench.testkit.broken;

import dev.concurrencybench.pipeline.server.OverloadResponse;
import dev.concurrencybench.pipeline.server.Server;
import dev.concurrencybench.pipeline.server.ServerConfig;
import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Starts {@link ReferenceServer}s with a fixed set of {@link Fault}s: none for the control group, one for each
 * deliberately broken server (Renaissance's "dummy failing benchmarks": proof that the harness reports failure).
 * Not registered with {@code ServiceLoader}: it must never be mistaken for a real model.
 */
public final class ReferenceServerProvider implements ServerProvider {

    private final Set<Fault> faults;

    public ReferenceServerProvider(Fault... faults) {
        this.faults = Set.of(faults);
    }

    @Override
    public String id() {
        return faults.isEmpty() ? "reference"
                : "broken-" + faults.iterator().next().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String description() {
        return "blocking reference server over the shared pipeline" + (faults.isEmpty() ? "" : ", broken: " + faults);
    }

    /** Like the virtual-thread model it imitates: the acceptor waits for a free slot. */
    @Override
    public OverloadResponse atMaxConnections() {
        return OverloadResponse.BACKLOG;
    }

    @Override
    public Server start(ServerConfig config) throws IOException {
        return ReferenceServer.start(config, faults);
    }
}

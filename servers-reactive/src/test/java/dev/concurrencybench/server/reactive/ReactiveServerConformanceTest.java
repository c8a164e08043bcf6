package dev.concurrencybench.server.reactive;

import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.AbstractServerConformanceTest;

/** The whole conformance suite, unchanged, against the Reactor model. */
class ReactiveServerConformanceTest extends AbstractServerConformanceTest {

    @Override
    protected ServerProvider provider() {
        return new ReactiveServerProvider();
    }
}

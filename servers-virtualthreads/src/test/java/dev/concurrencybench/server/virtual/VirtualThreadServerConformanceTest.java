package dev.concurrencybench.server.virtual;

import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.AbstractServerConformanceTest;

/** The whole conformance suite, unchanged, against the virtual model. */
class VirtualThreadServerConformanceTest extends AbstractServerConformanceTest {

    @Override
    protected ServerProvider provider() {
        return new VirtualThreadServerProvider();
    }
}

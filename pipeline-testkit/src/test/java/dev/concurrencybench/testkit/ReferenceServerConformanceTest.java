package dev.concurrencybench.testkit;

import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.broken.ReferenceServerProvider;

/**
 * The control group: a plain blocking server over the shared pipeline passes the whole suite. Without it, the
 * broken-server tests could not tell "the suite catches the bug" from "the suite fails everything".
 */
class ReferenceServerConformanceTest extends AbstractServerConformanceTest {

    @Override
    protected ServerProvider provider() {
        return new ReferenceServerProvider();
    }
}

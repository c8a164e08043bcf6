package dev.concurrencybench.server.threadpool;

import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.AbstractServerConformanceTest;

/** The whole conformance suite, unchanged, against the threadpool model. */
class ThreadPoolServerConformanceTest extends AbstractServerConformanceTest {

    @Override
    protected ServerProvider provider() {
        return new ThreadPoolServerProvider();
    }
}

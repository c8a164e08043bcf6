package dev.concurrencybench.server.eventloop;

import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.AbstractServerConformanceTest;

/** The shared wire-contract suite, run against the event-loop model (one loop, CPU work on the loop). */
class EventLoopServerConformanceTest extends AbstractServerConformanceTest {

    @Override
    protected ServerProvider provider() {
        return new EventLoopServerProvider();
    }
}

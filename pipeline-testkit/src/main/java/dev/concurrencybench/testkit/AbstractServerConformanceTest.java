package dev.concurrencybench.testkit;

import dev.concurrencybench.pipeline.server.ServerProvider;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The wire-contract conformance suite (DESIGN.md, "The wire contract") that every concurrency model runs.
 *
 * <p>A server module uses it by overriding one factory method, Netty-testsuite style:
 *
 * <pre>{@code
 * class ThreadPoolServerConformanceTest extends AbstractServerConformanceTest {
 *     @Override
 *     protected ServerProvider provider() {
 *         return new ThreadPoolServerProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Before the first test the suite starts three servers from that provider, all on port 0 of 127.0.0.1 (see
 * {@link ServerFixture}): plaintext with default limits, TLS 1.3 with a self-signed certificate, and plaintext
 * with small limits and a 300 ms header-read timeout; they are closed after the last test. The shutdown tests
 * start and close servers of their own. The tests talk raw bytes over {@code java.net.Socket} /
 * {@code SSLSocket} and check answers with the strict {@link RawHttpClient}; every test carries a
 * {@code @Timeout}, so a hanging server fails the suite instead of stalling it.
 *
 * <p>The tests live in one abstract class per topic, each run here as a {@link Nested} class:
 * {@link EndpointConformance}, {@link ConnectionConformance}, {@link RejectConformance}, {@link HeadConformance},
 * {@link HostConformance}, {@link TlsConformance}, {@link RobustnessConformance}, {@link ShutdownConformance}, and the
 * defences of issue 12: {@link ResetBurstConformance}, {@link ShutdownUnderLoadConformance},
 * {@link SlowClientConformance} and {@link ConnectionLimitConformance}. The servers run in the test's JVM, which is
 * what lets {@link RobustnessConformance} and {@link ResetBurstConformance} count the JVM's file descriptors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractServerConformanceTest {

    private ServerFixture fixture;

    /** The concurrency model under test. Called once per test class; {@code start} may be called many times. */
    protected abstract ServerProvider provider();

    @BeforeAll
    final void startServers() throws IOException {
        fixture = new ServerFixture(provider());
    }

    @AfterAll
    final void stopServers() {
        if (fixture != null) fixture.close();
    }

    /** The running servers; valid between the suite's {@code @BeforeAll} and {@code @AfterAll}. */
    protected final ServerFixture fixture() {
        return fixture;
    }

    @Nested
    class Endpoints extends EndpointConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Connections extends ConnectionConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Rejects extends RejectConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Head extends HeadConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Host extends HostConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Tls extends TlsConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Robustness extends RobustnessConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class Shutdown extends ShutdownConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class ResetBurst extends ResetBurstConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class ShutdownUnderLoad extends ShutdownUnderLoadConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class SlowClients extends SlowClientConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }

    @Nested
    class ConnectionLimit extends ConnectionLimitConformance {
        @Override
        protected ServerFixture fixture() {
            return fixture;
        }
    }
}

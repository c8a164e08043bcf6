package dev.concurrencybench.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import dev.concurrencybench.pipeline.server.ServerProvider;
import dev.concurrencybench.testkit.broken.Fault;
import dev.concurrencybench.testkit.broken.ReferenceServerProvider;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Proof that the suite fails broken servers: each deliberately broken server (one {@link Fault} each) runs the
 * part of the suite that should catch it, through the JUnit Platform {@link EngineTestKit}, and the test that
 * names the bug must be among the failures. The suite classes below are tagged {@code broken-server} and
 * excluded from the normal surefire run (see this module's pom), so they only ever run from here.
 */
class BrokenServersTest {

    @Test
    @Timeout(120)
    void ignoringContentLengthIsCaught() {
        assertCaught(selectNestedClass(List.of(IgnoresContentLength.class), AbstractServerConformanceTest.Endpoints.class),
                "workReturnsDigestAndEchoesParameters", "workDigestIsDeterministic");
    }

    @Test
    @Timeout(120)
    void neverClosingIsCaught() {
        assertCaught(selectNestedClass(List.of(NeverCloses.class), AbstractServerConformanceTest.Connections.class),
                "connectionCloseIsHonoured", "http10IsAnsweredThenClosed");
    }

    @Test
    @Timeout(120)
    void droppingPipelinedRequestsIsCaught() {
        assertCaught(selectNestedMethod(List.of(AnswersOnlyFirstPipelined.class),
                        AbstractServerConformanceTest.Connections.class, "pipelinedRequestsAreAnsweredInOrder"),
                "pipelinedRequestsAreAnsweredInOrder");
    }

    @Test
    @Timeout(120)
    void missingHeaderReadTimeoutIsCaught() {
        assertCaught(selectNestedMethod(List.of(NoHeaderReadTimeout.class),
                        AbstractServerConformanceTest.Robustness.class, "partialRequestLineIsClosedAfterHeaderReadTimeout"),
                "partialRequestLineIsClosedAfterHeaderReadTimeout");
    }

    @Test
    @Timeout(120)
    void leakingSocketsIsCaught() {
        assertCaught(selectNestedMethod(List.of(LeaksOnReset.class),
                        AbstractServerConformanceTest.Robustness.class, "abusiveClientsLeakNoFileDescriptors"),
                "abusiveClientsLeakNoFileDescriptors");
    }

    @Test
    @Timeout(120)
    void bodyOnHeadIsCaught() {
        assertCaught(selectNestedClass(List.of(AnswersHeadAsGet.class), AbstractServerConformanceTest.Head.class),
                "headHasGetsHeadersAndNoBody", "headOfPlaintextSaysContentLength13", "pipelinedHeadsStayInFrame");
    }

    @Test
    @Timeout(120)
    void leakingSocketsUnderAResetBurstIsCaught() {
        assertCaught(selectNestedMethod(List.of(LeaksOnReset.class), AbstractServerConformanceTest.ResetBurst.class,
                        "burstOfResetsMidRequestAndMidResponseLeaksNoDescriptor"),
                "burstOfResetsMidRequestAndMidResponseLeaksNoDescriptor");
    }

    @Test
    @Timeout(120)
    void ignoringTheConnectionLimitIsCaught() {
        assertCaught(selectNestedClass(List.of(IgnoresMaxConnections.class),
                        AbstractServerConformanceTest.ConnectionLimit.class),
                "connectionsBeyondTheLimitGetTheDocumentedAnswerAndServingGoesOn");
    }

    @Test
    @Timeout(120)
    void missingMinimumDataRateIsCaught() {
        assertCaught(selectNestedMethod(List.of(NoMinDataRate.class), AbstractServerConformanceTest.SlowClients.class,
                        "bodyTrickledBelowTheMinimumDataRateGets408AndAClose"),
                "bodyTrickledBelowTheMinimumDataRateGets408AndAClose");
    }

    private static void assertCaught(DiscoverySelector selector, String... expectedFailures) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selector).execute()
                .testEvents().failed().list();
        Set<String> names = new TreeSet<>();
        for (Event e : failed) {
            TestSource source = e.getTestDescriptor().getSource().orElse(null);
            if (source instanceof MethodSource m) names.add(m.getMethodName());
            // the report shows why each one failed, so a reader can check the suite failed for the right reason
            System.out.println(e.getTestDescriptor().getDisplayName() + " failed: " + e.getPayload(
                    org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable())
                    .map(t -> t.toString().lines().findFirst().orElse("")).orElse("?"));
        }
        assertTrue(!names.isEmpty(), "the broken server passed every selected test");
        for (String expected : expectedFailures) {
            assertTrue(names.contains(expected), () -> expected + " should have failed; failures were " + names);
        }
    }

    @Tag("broken-server")
    static class IgnoresContentLength extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.IGNORES_CONTENT_LENGTH); }
    }

    @Tag("broken-server")
    static class NeverCloses extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.NEVER_CLOSES); }
    }

    @Tag("broken-server")
    static class AnswersOnlyFirstPipelined extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.ANSWERS_ONLY_FIRST_PIPELINED); }
    }

    @Tag("broken-server")
    static class NoHeaderReadTimeout extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.NO_HEADER_READ_TIMEOUT); }
    }

    @Tag("broken-server")
    static class AnswersHeadAsGet extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.ANSWERS_HEAD_AS_GET); }
    }

    @Tag("broken-server")
    static class IgnoresMaxConnections extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.IGNORES_MAX_CONNECTIONS); }
    }

    @Tag("broken-server")
    static class NoMinDataRate extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.NO_MIN_DATA_RATE); }
    }

    @Tag("broken-server")
    static class LeaksOnReset extends AbstractServerConformanceTest {
        @Override protected ServerProvider provider() { return new ReferenceServerProvider(Fault.LEAKS_ON_RESET); }
    }
}

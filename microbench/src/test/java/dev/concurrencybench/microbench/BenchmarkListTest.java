package dev.concurrencybench.microbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The annotation processor ran and every benchmark is listed where {@code org.openjdk.jmh.Main} looks for it.
 * Runs no benchmark: benchmarks are not tests.
 */
class BenchmarkListTest {

    private static final Set<String> EXPECTED = Set.of(
            "stage.ParseRequestBenchmark.parse",
            "stage.DecodeWorkBodyBenchmark.decode",
            "stage.EncodeResponseBenchmark.encode",
            "stage.TlsDecryptBenchmark.decrypt",
            "stage.TlsEncryptBenchmark.encrypt",
            "stage.HttpConnectionRoundTripBenchmark.roundTrip",
            "handoff.ParkUnparkPingPongBenchmark.platformThreads",
            "handoff.SynchronousQueuePingPongBenchmark.platformThreads",
            "handoff.VirtualThreadPingPongBenchmark.oneCarrier",
            "handoff.VirtualThreadPingPongBenchmark.twoCarriers",
            "handoff.ExecutorSubmitBenchmark.submitAndAwait",
            "handoff.SelectorWakeupBenchmark.submitAndAwait",
            "handoff.ReactorPublishOnBenchmark.publishOnAndBlock",
            "creation.PlatformThreadStartBenchmark.startAndJoin",
            "creation.VirtualThreadStartBenchmark.startAndJoin");

    @Test
    void everyBenchmarkIsGenerated() {
        SortedSet<String> listed = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(null, java.util.List.of())) {
            listed.add(e.getUsername().replace("dev.concurrencybench.microbench.", ""));
        }
        assertEquals(new TreeSet<>(EXPECTED), listed);
    }

    @Test
    void theOneCarrierBenchmarkForksWithOneCarrier() {
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(null, java.util.List.of())) {
            if (e.getUsername().endsWith("oneCarrier")) {
                assertTrue(e.getJvmArgsAppend().get().contains("-Djdk.virtualThreadScheduler.parallelism=1"),
                        () -> "jvmArgsAppend was " + e.getJvmArgsAppend());
                return;
            }
        }
        throw new AssertionError("oneCarrier not listed");
    }
}

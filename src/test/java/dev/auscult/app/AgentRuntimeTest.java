package dev.auscult.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.policy.PolicyException;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.ScanReport;
import dev.auscult.probe.SourceCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The runtime with real scans of this machine. */
class AgentRuntimeTest {

    private final ScanService scans = new ScanService(SourceCatalog.bundled(), "1.0.0", Clock.systemUTC());
    private final PolicySource bundled = PolicySource.bundled(new PolicyLoader());

    @Test
    void concurrentRescansShareOneScanAndListenersSeeItRunAndFinish() throws Exception {
        try (AgentRuntime runtime = new AgentRuntime(scans, bundled, Duration.ofHours(1), Clock.systemUTC())) {
            List<AgentState> seen = new CopyOnWriteArrayList<>();
            runtime.addListener(seen::add);
            CompletableFuture<ScanReport> a = runtime.rescan("test");
            CompletableFuture<ScanReport> b = runtime.rescan("test again");
            assertSame(a, b);
            ScanReport report = a.get(30, TimeUnit.SECONDS);
            Thread.sleep(50);
            assertTrue(seen.stream().anyMatch(AgentState::scanning));
            AgentState last = seen.getLast();
            assertFalse(last.scanning());
            assertSame(report, last.report().orElseThrow());
            assertTrue(runtime.nextScanAt().isPresent(), "the next scan is scheduled");
        }
    }

    @Test
    void aBrokenPolicyKeepsTheLastResultsAndSaysWhy() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(false);
        PolicySource flaky = () -> {
            if (broken.get()) {
                throw new PolicyException(List.of("policy.yaml:3:1: firewall: 'maybe' is not a requirement"));
            }
            return bundled.current();
        };
        try (AgentRuntime runtime = new AgentRuntime(scans, flaky, Duration.ofHours(1), Clock.systemUTC())) {
            ScanReport good = runtime.rescan("first").get(30, TimeUnit.SECONDS);
            broken.set(true);
            assertThrows(ExecutionException.class, () -> runtime.rescan("second").get(30, TimeUnit.SECONDS));
            AgentState s = runtime.state();
            assertSame(good, s.report().orElseThrow());
            assertTrue(s.problem().orElseThrow() instanceof ScanProblem.PolicyUnusable u && u.detail().contains("policy.yaml:3:1"), s.toString());
            broken.set(false);
            runtime.rescan("third").get(30, TimeUnit.SECONDS);
            assertTrue(runtime.state().problem().isEmpty());
        }
    }

    @Test
    void startScansImmediately() throws Exception {
        try (AgentRuntime runtime = new AgentRuntime(scans, bundled, Duration.ofHours(1), Clock.systemUTC())) {
            CompletableFuture<AgentState> done = new CompletableFuture<>();
            runtime.addListener(s -> {
                if (s.report().isPresent() && !s.scanning()) {
                    done.complete(s);
                }
            });
            runtime.start();
            // the platform this test runs on (the installers workflow runs the suite on macOS and Windows too)
            dev.auscult.posture.OsPlatform here = dev.auscult.posture.OsPlatform.fromOsName(System.getProperty("os.name", "")).orElseThrow();
            assertEquals(here, done.get(30, TimeUnit.SECONDS).report().orElseThrow().device().platform());
        }
    }
}

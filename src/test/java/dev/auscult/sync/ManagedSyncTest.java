package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentServices;
import dev.auscult.app.ManagedActivation;
import dev.auscult.app.SyncNotice;
import dev.auscult.app.SyncLoop;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silent activation from the managed configuration, then the tray app's sync loop uploading a scan. */
class ManagedSyncTest {

    @TempDir
    Path home;

    private FakeBackend backend;
    private SyncTestSupport env;

    @BeforeEach
    void setUp() throws Exception {
        env = new SyncTestSupport(home);
        backend = new FakeBackend();
        backend.addAccount("acme");
        Files.createDirectories(home.resolve("managed"));
    }

    @AfterEach
    void tearDown() {
        backend.close();
        env.close();
    }

    private final java.util.concurrent.atomic.AtomicInteger activatedRuns = new java.util.concurrent.atomic.AtomicInteger();

    /** Waits for the attempt to tell its outcome, and returns what it told. */
    private Optional<SyncNotice> activateFromManagedConfig(String yaml) throws Exception {
        Files.writeString(home.resolve("managed/config.yaml"), yaml);
        AgentServices agent = AgentServices.forThisUser();
        java.util.concurrent.LinkedBlockingQueue<Optional<SyncNotice>> told = new java.util.concurrent.LinkedBlockingQueue<>();
        ManagedActivation.attempt(agent, told::add, activatedRuns::incrementAndGet);
        Optional<SyncNotice> message = told.poll(20, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertNotNull(message, "the attempt never reported");
        return message;
    }

    @Test
    void theManagedConfigurationActivatesTheDeviceSilentlyAndAsksForAFirstReportAtOnce() throws Exception {
        SyncNotice told = activateFromManagedConfig("backendUrl: " + backend.url() + "\naccount: acme\nownerEmail: alice@example.com\nactivationCode: \""
                + backend.newCode("acme") + "\"\n").orElseThrow();
        assertEquals(new SyncNotice.ManagedActivated("alice@example.com", "acme"), told);
        assertFalse(told.problem(), "good news is information, not a red banner");
        assertEquals(1, activatedRuns.get(), "the tray app rescans and reports now, not at the next scheduled scan");
        assertEquals("acme", AgentServices.forThisUser().syncState().activation().orElseThrow().accountId());
    }

    @Test
    void aFastFailureIsToldToo() throws Exception {
        // the backend refuses at once: the message must still reach the window (the tray app now starts the
        // attempt after the toolkit, so telling it cannot fail)
        SyncNotice told = activateFromManagedConfig("backendUrl: " + backend.url() + "\naccount: acme\nownerEmail: alice@example.com\n"
                + "activationCode: \"WRONG-CODE-0000\"\n").orElseThrow();
        assertEquals(new SyncNotice.ManagedActivationFailed(dev.auscult.sync.BackendException.Kind.INVALID_CODE), told);
        assertTrue(told.problem());
        assertEquals(0, activatedRuns.get());
    }

    @Test
    void anUnquotedNumericCodeIsRefusedRatherThanMangled() throws Exception {
        Files.writeString(home.resolve("managed/config.yaml"), "backendUrl: " + backend.url() + "\naccount: acme\nownerEmail: a@example.com\nactivationCode: 12345E67\n");
        assertTrue(AgentServices.forThisUser().config().managedActivation().code().isEmpty());
    }

    @Test
    void aCsvOfCodesGivesEachUserTheirOwnRow() throws Exception {
        String user = System.getProperty("user.name");
        Path csv = home.resolve("managed/codes.csv");
        Files.writeString(csv, "email,code\nsomeone@example.com," + backend.newCode("acme") + "\n" + user + "@example.com,"
                + backend.newCode("acme") + "\n");
        SyncNotice told = activateFromManagedConfig("backendUrl: " + backend.url() + "\naccount: acme\nactivationCsv: " + csv + "\n").orElseThrow();
        assertEquals(new SyncNotice.ManagedActivated(user + "@example.com", "acme"), told);
    }

    @Test
    void theSyncLoopUploadsEachScanOfAnActivatedDevice() throws Exception {
        AgentServices agent = AgentServices.forThisUser();
        agent.activator().activate(backend.url(), "alice@example.com", "acme", backend.newCode("acme"), agent.deviceFacts(), "uuid-1", false);
        CompletableFuture<Optional<SyncNotice>> problem = new CompletableFuture<>();
        try (SyncLoop loop = new SyncLoop(agent, p -> {
            if (p.isEmpty()) {
                problem.complete(p);
            }
        }, () -> { })) {
            var policy = new PolicyLoader().bundled();
            loop.reportScanned(agent.scans().scanThisMachine(policy, new PolicyRef("bundled default", policy.name())).report());
            problem.get(20, TimeUnit.SECONDS);
        }
        assertEquals(1, backend.reports().size());
        assertTrue(backend.reports().values().iterator().next().contains("\"format\" : \"scan-report/1\""));
        assertTrue(agent.outbox().entries().isEmpty());
    }

    @Test
    void aDeviceWhoseReportsHaveNotArrivedForADayIsToldItCountsAsNotSeen() throws Exception {
        AgentServices agent = AgentServices.forThisUser();
        agent.activator().activate(backend.url(), "alice@example.com", "acme", backend.newCode("acme"), agent.deviceFacts(), "uuid-1", false);
        java.time.Instant dayAndAHourAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(25));
        SyncStateStore.SyncState s = agent.syncState().state();
        agent.syncState().saveState(new SyncStateStore.SyncState(Optional.of(dayAndAHourAgo), s.lastError(), s.droppedReports(),
                s.reactivationNeeded(), s.policyVersion()));
        backend.down();
        CompletableFuture<Optional<SyncNotice>> told = new CompletableFuture<>();
        try (SyncLoop loop = new SyncLoop(agent, p -> {
            if (p.isPresent()) {
                told.complete(p);
            }
        }, () -> { })) {
            var policy = new PolicyLoader().bundled();
            loop.reportScanned(agent.scans().scanThisMachine(policy, new PolicyRef("bundled default", policy.name())).report());
            SyncNotice notice = told.get(20, TimeUnit.SECONDS).orElseThrow();
            SyncNotice.BackendUnreachable unreachable = assertInstanceOf(SyncNotice.BackendUnreachable.class, notice);
            assertEquals(Optional.of(dayAndAHourAgo), unreachable.lastDelivered());
            assertTrue(unreachable.notSeenSince(java.time.Instant.now()), "more than 24 h without a delivered report");
            assertFalse(new SyncNotice.BackendUnreachable(Optional.of(java.time.Instant.now().minusSeconds(3600))).notSeenSince(java.time.Instant.now()));
        }
        assertEquals(1, agent.outbox().entries().size(), "the report waits for the server");
    }
}

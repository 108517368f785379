package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentServices;
import dev.auscult.app.ManagedActivation;
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

    /** Waits for the attempt to tell its outcome, and returns what it told. */
    private Optional<String> activateFromManagedConfig(String yaml) throws Exception {
        Files.writeString(home.resolve("managed/config.yaml"), yaml);
        AgentServices agent = AgentServices.forThisUser();
        java.util.concurrent.LinkedBlockingQueue<Optional<String>> told = new java.util.concurrent.LinkedBlockingQueue<>();
        ManagedActivation.attempt(agent, told::add);
        Optional<String> message = told.poll(20, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertNotNull(message, "the attempt never reported");
        return message;
    }

    @Test
    void theManagedConfigurationActivatesTheDeviceSilently() throws Exception {
        String told = activateFromManagedConfig("backendUrl: " + backend.url() + "\naccount: acme\nownerEmail: alice@example.com\nactivationCode: \""
                + backend.newCode("acme") + "\"\n").orElseThrow();
        assertTrue(told.contains("activated by your organisation for alice@example.com"), told);
        assertEquals("acme", AgentServices.forThisUser().syncState().activation().orElseThrow().accountId());
    }

    @Test
    void aFastFailureIsToldToo() throws Exception {
        // the backend refuses at once: the message must still reach the window (the tray app now starts the
        // attempt after the toolkit, so telling it cannot fail)
        String told = activateFromManagedConfig("backendUrl: " + backend.url() + "\naccount: acme\nownerEmail: alice@example.com\n"
                + "activationCode: \"WRONG-CODE-0000\"\n").orElseThrow();
        assertTrue(told.startsWith("Automatic activation did not work"), told);
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
        String told = activateFromManagedConfig("backendUrl: " + backend.url() + "\naccount: acme\nactivationCsv: " + csv + "\n").orElseThrow();
        assertTrue(told.contains(user + "@example.com"), told);
    }

    @Test
    void theSyncLoopUploadsEachScanOfAnActivatedDevice() throws Exception {
        AgentServices agent = AgentServices.forThisUser();
        agent.activator().activate(backend.url(), "alice@example.com", "acme", backend.newCode("acme"), agent.deviceFacts(), "uuid-1", false);
        CompletableFuture<Optional<String>> problem = new CompletableFuture<>();
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
}

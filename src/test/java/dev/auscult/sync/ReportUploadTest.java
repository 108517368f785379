package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.app.AgentServices;
import dev.auscult.policy.PolicyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and uploader against the fake backend going down, throttling, revoking; and policy sync. */
class ReportUploadTest {

    @TempDir
    Path home;

    private FakeBackend backend;
    private SyncTestSupport env;
    private AgentServices services;
    private String token;
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        env = new SyncTestSupport(home);
        backend = new FakeBackend();
        backend.addAccount("acme");
        services = AgentServices.forThisUser();
        Logger.getLogger("").addHandler(capture);
        services.activator().activate(backend.url(), "alice@example.com", "acme", backend.newCode("acme"), services.deviceFacts(), "uuid-1", false);
        token = services.credentials().load("acme").orElseThrow().value();
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(capture);
        backend.close();
        env.close();
        assertTrue(logged.stream().noneMatch(l -> l.contains(token)), "the token leaked into the log");
    }

    private static String report(int n) {
        return "{\"format\":\"scan-report/1\",\"n\":" + n + "}";
    }

    @Test
    void reportsWaitWhileTheBackendIsDownAndAllArriveOnceItIsBack() throws Exception {
        Outbox outbox = services.outbox();
        for (int i = 0; i < 3; i++) {
            outbox.add(report(i));
        }
        backend.down();
        ReportUploader uploader = services.uploader();
        ReportUploader.Outcome down = uploader.drain();
        assertEquals(0, down.uploaded());
        assertTrue(down.retryIn().orElseThrow().compareTo(Duration.ofSeconds(3)) >= 0);
        assertEquals(BackendException.Kind.NETWORK, down.problem().orElseThrow().kind());
        assertEquals(3, outbox.entries().size(), "nothing is lost while offline");
        assertFalse(down.problem().get().getMessage().contains(token));
        backend.up();
        assertEquals(3, uploader.drain().uploaded());
        assertEquals(3, backend.reports().size());
        assertTrue(outbox.entries().isEmpty());
        assertTrue(services.syncState().state().lastUploadAt().isPresent());
        assertTrue(backend.requestHeaders().stream().allMatch(h -> h.get("Jupiterone-account") != null || h.get("JupiterOne-Account") != null));
    }

    @Test
    void retryAfterIsHonouredOn429() throws Exception {
        services.outbox().add(report(1));
        backend.failNext(1, 429, 7);
        ReportUploader.Outcome o = services.uploader().drain();
        assertEquals(BackendException.Kind.THROTTLED, o.problem().orElseThrow().kind());
        assertTrue(o.retryIn().orElseThrow().toSeconds() >= 7, o.retryIn().toString());
        assertEquals(1, services.uploader().drain().uploaded());
    }

    @Test
    void aRepeatedUploadIsStoredOnceBecauseReportIdsAreIdempotent() throws Exception {
        Outbox outbox = services.outbox();
        outbox.add(report(1));
        Outbox.Entry e = outbox.entries().getFirst();
        String copy = outbox.read(e).orElseThrow();
        services.uploader().drain();
        // as if the agent died after the upload but before deleting the file
        java.nio.file.Files.writeString(e.file(), copy);
        services.uploader().drain();
        assertEquals(2, backend.reportArrivals().size());
        assertEquals(1, backend.reports().size());
    }

    @Test
    void aRevokedTokenAsksForReactivationAndKeepsTheReports() throws Exception {
        services.outbox().add(report(1));
        backend.revokeTokens();
        ReportUploader.Outcome o = services.uploader().drain();
        assertEquals(BackendException.Kind.UNAUTHORIZED, o.problem().orElseThrow().kind());
        assertTrue(services.syncState().state().reactivationNeeded());
        assertEquals(1, services.outbox().entries().size());
    }

    @Test
    void theOutboxIsBoundedByDroppingTheOldest() throws Exception {
        Outbox small = new Outbox(home.resolve("small"), 3, java.time.Clock.systemUTC());
        int dropped = 0;
        for (int i = 0; i < 5; i++) {
            dropped += small.add(report(i));
            Thread.sleep(2);
        }
        assertEquals(2, dropped);
        List<Outbox.Entry> left = small.entries();
        assertEquals(3, left.size());
        assertTrue(small.read(left.getFirst()).orElseThrow().contains("\"n\":2"), "the newest reports are kept");
    }

    @Test
    void policiesAreFetchedCachedAndABadOneIsRefused() throws Exception {
        PolicySync sync = services.policySync();
        var v1 = sync.refresh().orElseThrow();
        assertEquals("1", v1.version());
        assertEquals("1", sync.refresh().orElseThrow().version(), "unchanged: served from the cache");
        backend.setPolicy("2", "{\"firewall\": \"SOMETIMES\"}");
        org.junit.jupiter.api.Assertions.assertThrows(PolicyException.class, sync::refresh);
        assertEquals("1", sync.cached().orElseThrow().version(), "the last good policy stays in force");
        assertTrue(services.syncState().state().lastError().orElseThrow().contains("invalid policy (version 2)"));
        backend.setPolicy("3", "{\"firewall\": \"ALWAYS\", \"remoteLogin\": \"NEVER\"}");
        assertEquals("3", sync.refresh().orElseThrow().version());
        // every scan asks for the policy: it is parsed once per change of the cache, not at each ask
        var first = sync.cached().orElseThrow();
        org.junit.jupiter.api.Assertions.assertSame(first, sync.cached().orElseThrow(), "the same parse while the cache is unchanged");
        org.junit.jupiter.api.Assertions.assertSame(first, services.policySync().cached().orElseThrow(), "one PolicySync for the process");
        backend.setPolicy("4", "{\"firewall\": \"ALWAYS\", \"remoteLogin\": \"ALWAYS\"}");
        sync.refresh();
        assertEquals("4", sync.cached().orElseThrow().version(), "a refreshed cache is read again");
        org.junit.jupiter.api.Assertions.assertSame(services.outbox(), services.outbox(), "one outbox: its lock means something");
    }

    @Test
    void theTokenNeverPrintsItself() {
        assertEquals("ApiToken[redacted]", new ApiToken(token).toString());
    }
}

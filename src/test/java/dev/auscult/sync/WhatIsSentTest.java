package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.MainRunner;
import dev.auscult.app.AgentServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auscult status --payload}: the user reads exactly the body the backend stored, the queue and what
 * is never collected — before activation, what a scan would send — and never the token.
 */
class WhatIsSentTest {

    @TempDir
    Path home;

    private FakeBackend backend;
    private SyncTestSupport env;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        env = new SyncTestSupport(home);
        backend = new FakeBackend();
        backend.addAccount("acme");
    }

    @AfterEach
    void tearDown() {
        backend.close();
        env.close();
    }

    @Test
    void beforeActivationItShowsWhatAScanWouldSendAndThatNothingIsSent() throws Exception {
        MainRunner.Run run = MainRunner.run("status", "--payload");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("This device is not activated: nothing is sent."), run.out());
        JsonNode preview = json.readTree(between(run.out(), "{", "\nWaiting to be sent"));
        assertEquals("ReportScan", preview.path("operation").asText());
        assertEquals("scan-report/1", preview.at("/variables/input/report/format").asText());
        assertTrue(preview.at("/variables/input/report/practices").size() > 0);
        assertTrue(run.out().contains("Waiting to be sent: nothing"));
        assertTrue(run.out().contains("Never collected:"));
    }

    @Test
    void afterAnUploadItShowsTheExactReportTheBackendStoredAndNeverTheToken() throws Exception {
        AgentServices services = AgentServices.forThisUser();
        services.activator().activate(backend.url(), "alice@example.com", "acme", backend.newCode("acme"), services.deviceFacts(), "uuid-1", false);
        String token = services.credentials().load("acme").orElseThrow().value();
        services.outbox().add("{\"format\":\"scan-report/1\",\"n\":1}");
        assertEquals(1, services.uploader().drain().uploaded());
        services.outbox().add("{\"format\":\"scan-report/1\",\"n\":2}");
        String waitingId = services.outbox().entries().getFirst().reportId();

        MainRunner.Run run = MainRunner.run("status", "--payload");
        assertEquals(0, run.code(), run.err());
        assertFalse(run.out().contains(token) || run.err().contains(token), "the token must never be shown");
        assertTrue(run.out().contains("To the organisation's backend (" + backend.url() + "), last sent "), run.out());
        JsonNode shown = json.readTree(between(run.out(), "{", "\nReports waiting to be sent"));
        String reportId = shown.at("/variables/input/reportId").asText();
        assertEquals(json.readTree(backend.reports().get(reportId)), shown.at("/variables/input/report"),
                "what is shown is what the backend received");
        assertEquals(1, shown.at("/variables/input/report/n").asInt());
        assertTrue(run.out().contains("Reports waiting to be sent: 1\n  report " + waitingId), run.out());
        MainRunner.Run german = MainRunner.run("status", "--payload", "--locale", "de");
        assertTrue(german.out().contains("An das Backend der Organisation (" + backend.url() + "), zuletzt gesendet ")
                && german.out().contains("Wartende Berichte: 1\n  Bericht " + waitingId) && german.out().contains("Nie erfasst:"), german.out());
        assertEquals(shown, json.readTree(between(german.out(), "{", "\nWartende Berichte")), "the payload itself is shown exactly as sent");

        Path kept = home.resolve("state/sent/backend.json");
        assertTrue(Files.exists(kept), "the copy lives in the state directory");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(kept));
        assertFalse(Files.readString(kept).contains(token));
    }

    @Test
    void aDamagedCopyIsNamedInWordsAndTheRestIsStillShown() throws Exception {
        AgentServices services = AgentServices.forThisUser();
        services.activator().activate(backend.url(), "alice@example.com", "acme", backend.newCode("acme"), services.deviceFacts(), "uuid-1", false);
        services.outbox().add("{\"format\":\"scan-report/1\",\"n\":1}");
        services.uploader().drain();
        Path kept = home.resolve("state/sent/backend.json");
        Files.writeString(kept, "{\"destination\":\"backend\",\"payl");

        MainRunner.Run run = MainRunner.run("status", "--payload");
        assertEquals(5, run.code());
        assertTrue(run.err().contains("is damaged; it is replaced at the next upload"), run.err());
        assertTrue(run.out().contains("Never collected:"));

        services.outbox().add("{\"format\":\"scan-report/1\",\"n\":3}");
        services.uploader().drain();
        assertEquals(0, MainRunner.run("status", "--payload").code(), "the next upload replaces the damaged copy");
    }

    @Test
    void anEndpointIsKeptWithoutCredentialsOrQuery() {
        assertEquals("https://backend.example.com:8443/graphql",
                SentPayloads.withoutUserInfo(java.net.URI.create("https://user:pw@backend.example.com:8443/graphql?key=abc#x")).toString());
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        return text.substring(start, end);
    }
}

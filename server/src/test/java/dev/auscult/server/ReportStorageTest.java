package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Reports: exactly once by reportId, refused whole when malformed, kept per retention with each device's latest. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ReportStorageTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private String token;
    private String device;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        JsonNode a = activate("alice@acme.example", "u1");
        token = a.path("apiToken").asText();
        device = a.path("deviceId").asText();
    }

    private JsonNode activate(String email, String uuid) throws Exception {
        String code = server.services.codes().issue(new Account("acme"), email).code();
        return Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", email, code, uuid), Map.of())).at("/data/activateDevice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode report(String tokenToUse, String deviceId, String reportId, String body) throws Exception {
        return Http.json(Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", deviceId, "reportId", reportId, "report", body)),
                Map.of("Authorization", "Bearer " + tokenToUse, "JupiterOne-Account", "acme")));
    }

    private int stored() {
        return server.database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM reports").mapTo(Integer.class).one())
                + server.database.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT report_id) FROM report_practices").mapTo(Integer.class).one());
    }

    @Test
    void aResentReportIsADuplicateNotASecondRow() throws Exception {
        String body = AgentReports.debian11();
        assertEquals(false, report(token, device, "r-1", body).at("/data/reportScan/duplicate").asBoolean());
        assertEquals(true, report(token, device, "r-1", body).at("/data/reportScan/duplicate").asBoolean());
        assertEquals(2, stored(), "one report and its practice rows");
        // a report ID is unique on its device only: another device using the same one neither learns of the first
        // (no "used by another device") nor is refused — it is its own report
        JsonNode bob = activate("bob@acme.example", "u2");
        JsonNode bobs = report(bob.path("apiToken").asText(), bob.path("deviceId").asText(), "r-1", body);
        assertEquals("r-1", bobs.at("/data/reportScan/reportId").asText(), bobs.toString());
        assertEquals(false, bobs.at("/data/reportScan/duplicate").asBoolean());
        assertEquals("r-1", server.services.reports().latest(new Account("acme"), device).orElseThrow().reportId());
        assertEquals(bob.path("deviceId").asText(), server.services.reports().latest(new Account("acme"), bob.path("deviceId").asText()).orElseThrow().deviceId());
        // nor report for someone else's device
        assertEquals("FORBIDDEN", report(bob.path("apiToken").asText(), device, "r-2", body).at("/errors/0/extensions/code").asText());
    }

    @Test
    void malformedOrOversizedReportsAreRefusedAndNothingIsHalfStored() throws Exception {
        for (String bad : new String[] {"not json", "{\"format\": \"scan-report/2\"}", "[]",
                AgentReports.debian11().replace("\"state\" : \"ON\"", "\"state\" : \"MAYBE\""),
                "{\"format\":\"scan-report/1\",\"device\":{\"platform\":\"linux\"},\"practices\":[{\"id\":\"x\",\"state\":\"ON\",\"verdict\":\"GREAT\"}]}"}) {
            JsonNode r = report(token, device, "bad-" + bad.hashCode(), bad);
            assertEquals("BAD_REQUEST", r.at("/errors/0/extensions/code").asText(), bad + " → " + r);
        }
        String huge = AgentReports.debian11().replaceFirst("\"reason\" : \"", "\"reason\" : \"" + "x".repeat(600_000));
        JsonNode r = report(token, device, "huge", huge);
        assertEquals("BAD_REQUEST", r.at("/errors/0/extensions/code").asText());
        assertTrue(r.at("/errors/0/message").asText().contains("larger than 512 KiB"));
        assertEquals(0, stored());
        assertEquals("BAD_REQUEST", report(token, device, "../etc/passwd", AgentReports.debian11()).at("/errors/0/extensions/code").asText());
    }

    @Test
    void retentionPrunesOldReportsButKeepsEachDevicesLatest() throws Exception {
        report(token, device, "r-1", AgentReports.debian11());
        report(token, device, "r-2", AgentReports.debian11());
        try (RunningServer later = RunningServer.start(server.services.config().databaseUrl().orElseThrow(), m -> { },
                Clock.offset(Clock.systemUTC(), Duration.ofDays(100)), false)) {
            assertEquals(1, later.services.reports().prune(Duration.ofDays(90)));
            assertEquals("r-2", later.services.reports().latest(new Account("acme"), device).orElseThrow().reportId());
            assertEquals(0, later.services.reports().prune(Duration.ofDays(90)), "the latest report always stays");
        }
    }

    @Test
    void aFailedStatementIsDescribedByWhatFailedNeverByItsValues() {
        String secret = "hash-of-a-token-0123456789abcdef";
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.jdbi.v3.core.JdbiException.class, () -> server.database.jdbi().useHandle(h -> {
            h.createUpdate("INSERT INTO scim_tokens (token_hash, account_id, created_at) VALUES (:h, 'acme', :now)").bind("h", secret)
                    .bind("now", java.time.Instant.now()).execute();
            h.createUpdate("INSERT INTO scim_tokens (token_hash, account_id, created_at) VALUES (:h, 'acme', :now)").bind("h", secret)
                    .bind("now", java.time.Instant.now()).execute();
        }));
        assertTrue(e.getMessage().contains("INSERT INTO scim_tokens"), "names the statement: " + e.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains(secret), "never its values: " + e.getMessage());
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        org.junit.jupiter.api.Assertions.assertFalse(trace.toString().contains(secret), "nor in any cause: " + trace);
    }
}

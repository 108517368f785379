package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-click fixes a device reports ({@code fixes} in scan-report/1) leave a trail on its device page — what the
 * check read before and after, by whom — escaped like everything a device sends; a malformed list is the agent's
 * fault (BAD_REQUEST) and nothing is kept.
 */
class FixTrailTest {

    private static final String PASSWORD = "correct horse battery";
    private RunningServer server;
    private Map<String, String> auth;
    private String deviceId;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(new TestDatabases.Kind("SQLite").freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.admins().create(new Account("acme"), "auditor@acme.example", PASSWORD, dev.auscult.server.service.Role.AUDITOR, "test");
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        JsonNode device = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", code, "uuid-1"), Map.of()))
                .at("/data/activateDevice");
        deviceId = device.path("deviceId").asText();
        auth = Map.of("Authorization", "Bearer " + device.path("apiToken").asText(), "JupiterOne-Account", "acme");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode fix(String practice, String outcome, String before, String after) {
        ObjectNode f = Http.JSON.createObjectNode();
        f.put("practice", practice).put("fix", "linux.gnome-screen-lock").put("at", "2026-12-06T10:04:00Z").put("user", "alice").put("outcome", outcome);
        f.putObject("before").put("verdict", "FAIL").put("reason", before);
        f.putObject("after").put("verdict", "PASS").put("reason", after);
        return f;
    }

    private JsonNode send(String reportId, ArrayNode fixes) throws Exception {
        ObjectNode report = (ObjectNode) Http.JSON.readTree(AgentReports.debian11());
        report.set("fixes", fixes);
        return Http.json(Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", deviceId, "reportId", reportId,
                "report", Http.JSON.writeValueAsString(report))), auth));
    }

    @Test
    void theDevicePageListsTheFixesWithWhatTheCheckReadBeforeAndAfterEscaped() throws Exception {
        ArrayNode fixes = Http.JSON.createArrayNode();
        fixes.add(fix("screenLock", "FIXED", "GNOME does not lock the screen when it blanks (lock-enabled is false)",
                "GNOME locks the screen after 15 min idle <img src=x onerror=alert(1)>"));
        JsonNode answer = send("r1", fixes);
        assertFalse(answer.has("errors"), answer.toString());

        ConsoleSession auditor = ConsoleSession.signIn(server.base(), "auditor@acme.example", PASSWORD);
        var page = auditor.get("/console/devices/" + deviceId);
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("Fixed on the device"), html);
        assertTrue(html.contains("linux.gnome-screen-lock"));
        assertTrue(html.contains("GNOME does not lock the screen when it blanks (lock-enabled is false)"));
        assertTrue(html.contains("FIXED"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "what a device sends is escaped");
        assertFalse(html.contains("<img src=x"));
    }

    @Test
    void aMalformedFixListIsTheAgentsFaultAndNothingIsKept() throws Exception {
        ArrayNode unknownOutcome = Http.JSON.createArrayNode();
        unknownOutcome.add(fix("screenLock", "MAGIC", "a", "b"));
        assertEquals("BAD_REQUEST", send("r1", unknownOutcome).at("/errors/0/extensions/code").asText());
        ArrayNode tooMany = Http.JSON.createArrayNode();
        for (int i = 0; i < 101; i++) {
            tooMany.add(fix("screenLock", "FIXED", "a", "b"));
        }
        assertEquals("BAD_REQUEST", send("r2", tooMany).at("/errors/0/extensions/code").asText());
        assertTrue(server.services.reports().history(new Account("acme"), deviceId, 10).isEmpty());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** What an agent sends that cannot be kept is the agent's fault, said the same way on every engine: BAD_REQUEST, nothing stored or counted. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class HostileAgentInputTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String code(JsonNode answer) {
        return answer.at("/errors/0/extensions/code").asText();
    }

    @Test
    void aNulByteInAnActivationIsABadRequestAndNotAFailedTry() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        for (int i = 0; i < 12; i++) { // more than the per-client limit of failed tries
            var r = Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice\u0000@acme.example", code, "uuid-1"), Map.of());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("BAD_REQUEST", code(Http.json(r)), r.body());
        }
        JsonNode ok = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", code, "uuid-1"), Map.of()));
        assertTrue(ok.at("/data/activateDevice/apiToken").isTextual(), "not held back by the refused tries: " + ok);
    }

    @Test
    void aNulByteInAReportIsABadRequestAndNothingIsStored() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        JsonNode device = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", code, "uuid-1"), Map.of()))
                .at("/data/activateDevice");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + device.path("apiToken").asText(), "JupiterOne-Account", "acme");
        ObjectNode report = (ObjectNode) Http.JSON.readTree(AgentReports.debian11());
        ((ObjectNode) report.path("device")).put("deviceName", "laptop\u0000evil");
        var inReport = Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", device.path("deviceId").asText(), "reportId", "r1",
                "report", Http.JSON.writeValueAsString(report))), auth);
        assertEquals("BAD_REQUEST", code(Http.json(inReport)), inReport.body());
        var inId = Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", device.path("deviceId").asText(), "reportId", "r\u00002",
                "report", AgentReports.debian11())), auth);
        assertEquals("BAD_REQUEST", code(Http.json(inId)), inId.body());
        assertTrue(server.services.reports().history(new Account("acme"), device.path("deviceId").asText(), 10).isEmpty());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.server.service.PolicyPreview;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preview of a draft policy names, per practice, the devices that would start or stop failing it — also when
 * no overall verdict moves (the device already fails something else), which the overall count alone hid.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class PolicyPreviewTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        // a Debian 11 laptop whose last report, under the bundled policy, FAILs osVersion and PASSes automaticUpdates
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", code, "lap1"), Map.of()))
                .at("/data/activateDevice");
        Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", a.path("deviceId").asText(), "reportId", "r1",
                "report", AgentReports.debian11())), Map.of("Authorization", "Bearer " + a.path("apiToken").asText(), "JupiterOne-Account", "acme"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPracticeThatStartsFailingIsNamedEvenWhenTheOverallVerdictStays() throws Exception {
        PolicyPreview.Effect effect = server.services.preview().of(new Account("acme"),
                new PolicyLoader().parse("draft.yaml", "osVersion:\n  debian:\n    ok: \">=13\"\nautomaticUpdates: NEVER\n", "draft"));
        assertEquals(1, effect.devices());
        assertEquals(0, effect.changed(), "FAIL before, FAIL after: the overall count alone says nothing changes");
        PolicyPreview.PracticeChange updates = effect.practices().stream().filter(c -> c.practice().equals("automaticUpdates")).findFirst().orElseThrow();
        assertEquals(1, updates.startFailing());
        assertEquals(1, updates.startFailingDevices().size());
        assertTrue(updates.startFailingDevices().getFirst().contains("alice@acme.example"), updates.toString());
    }

    @Test
    void aDraftThatChangesNothingSaysSo() {
        PolicyPreview.Effect same = server.services.preview().of(new Account("acme"), new PolicyLoader().bundled());
        assertEquals(0, same.changed());
        assertTrue(same.practices().isEmpty(), same.practices().toString());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.server.service.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Administrators work in roles: the helpdesk resends a code and revokes a device but cannot publish a policy or touch
 * settings; a policy editor publishes but sends no codes; an auditor reads and exports and changes nothing. A page
 * offers only what the role may do; a hand-made request for the rest is refused (403) and audited.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ConsoleRolesTest {

    private static final String PASSWORD = "correct horse battery";

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private String device;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        var s = server.services;
        s.accounts().create("acme", "Acme", "test");
        for (Role r : Role.values()) {
            s.admins().create(new Account("acme"), r.name().toLowerCase() + "@acme.example", PASSWORD, r, "test");
        }
        s.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        String code = s.codes().issue(new Account("acme"), "alice@acme.example").code();
        JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", code, "u1"), Map.of()))
                .at("/data/activateDevice");
        device = a.path("deviceId").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConsoleSession as(Role r) throws Exception {
        return ConsoleSession.signIn(server.base(), r.name().toLowerCase() + "@acme.example", PASSWORD);
    }

    private static void refused(HttpResponse<String> r) {
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("Your role ("), r.body());
    }

    private static void allowed(HttpResponse<String> r) {
        assertNotEquals(403, r.statusCode(), r.body());
    }

    @Test
    void theHelpdeskHandlesCodesAndDevicesButNotPoliciesOrSettings() throws Exception {
        ConsoleSession helpdesk = as(Role.HELPDESK);
        allowed(helpdesk.post("/console/activations/resend", Map.of("email", "alice@acme.example")));
        refused(helpdesk.post("/console/policy", Map.of("action", "publish", "text", "firewall: ALWAYS\n")));
        refused(helpdesk.post("/console/policy/rollback", Map.of("version", "1", "confirmed", "yes")));
        refused(helpdesk.get("/console/settings"));
        refused(helpdesk.post("/console/administrators/add", Map.of("username", "x@acme.example", "password", PASSWORD, "again", PASSWORD)));
        assertFalse(helpdesk.get("/console/policy").body().contains("id=\"publish\""), "no Publish button for the helpdesk");
        assertTrue(server.services.policies().versions(new Account("acme")).isEmpty());
        allowed(helpdesk.post("/console/devices/" + device + "/revoke", Map.of()));
        assertTrue(server.services.devices().list(new Account("acme"), true).getFirst().revokedAt().isPresent());
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.action().equals("admin.refused")
                && e.actor().equals("console:helpdesk@acme.example (Helpdesk)")), "a refused request is in the audit log");
    }

    @Test
    void aPolicyEditorPublishesButSendsNoCodes() throws Exception {
        ConsoleSession editor = as(Role.POLICY_EDITOR);
        allowed(editor.post("/console/policy", Map.of("action", "publish", "text", "name: Acme\nfirewall: ALWAYS\n")));
        assertEquals(1, server.services.policies().versions(new Account("acme")).size());
        refused(editor.post("/console/activations/resend", Map.of("email", "alice@acme.example")));
        refused(editor.post("/console/devices/" + device + "/revoke", Map.of()));
        assertFalse(editor.get("/console/activations").body().contains("id=\"send\""), "no send form for a policy editor");
    }

    @Test
    void anAuditorReadsAndExportsAndChangesNothing() throws Exception {
        ConsoleSession auditor = as(Role.AUDITOR);
        for (String page : new String[] {"/console", "/console/devices", "/console/devices/" + device, "/console/people", "/console/activations",
                "/console/policy", "/console/audit"}) {
            assertEquals(200, auditor.get(page).statusCode(), page);
        }
        HttpResponse<String> csv = auditor.get("/console/devices.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains("alice@acme.example"));
        allowed(auditor.post("/console/policy", Map.of("action", "check", "text", "firewall: ALWAYS\n")));   // a draft judged, nothing kept
        refused(auditor.post("/console/policy", Map.of("action", "publish", "text", "firewall: ALWAYS\n")));
        refused(auditor.post("/console/people/import", Map.of("csv", "mallory@acme.example\n")));
        refused(auditor.post("/console/activations/revoke-pending", Map.of("confirmed", "yes")));
        refused(auditor.post("/console/devices/" + device + "/revoke", Map.of()));
        refused(auditor.post("/console/rollout", Map.of("codes", "everyone")));
        assertFalse(auditor.get("/console/devices/" + device).body().contains("id=\"revoke\""));
        assertTrue(server.services.people().find(new Account("acme"), "mallory@acme.example").isEmpty());
    }

    @Test
    void ownersGiveRolesAndTheLastOwnerStays() throws Exception {
        ConsoleSession owner = as(Role.OWNER);
        ConsoleSession helpdesk = as(Role.HELPDESK);
        refused(helpdesk.post("/console/policy", Map.of("action", "publish", "text", "firewall: ALWAYS\n")));
        owner.post("/console/administrators/role", Map.of("username", "helpdesk@acme.example", "role", "POLICY_EDITOR"));
        allowed(helpdesk.post("/console/policy", Map.of("action", "publish", "text", "firewall: ALWAYS\n")));   // at once, same session
        HttpResponse<String> last = owner.post("/console/administrators/role", Map.of("username", "owner@acme.example", "role", "AUDITOR"));
        assertTrue(last.body().contains("is the account's last owner"), last.body());
        assertTrue(owner.get("/console/settings").statusCode() == 200, "still an owner");
    }
}

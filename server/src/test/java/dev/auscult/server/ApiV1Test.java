package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.server.service.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST API as a script uses it: a token an owner made in the console lists failing devices and publishes a
 * policy; a helpdesk token is refused publishing; an expired, revoked or unknown token gets 401; another account's
 * device is 404; every error is an RFC 9457 problem; every answer has the fields the OpenAPI document requires;
 * every change is in the audit log under the token's name and role.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ApiV1Test {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private JsonNode openApi;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        var s = server.services;
        for (String a : new String[] {"acme", "globex"}) {
            s.accounts().create(a, a, "test");
            s.people().importCsv(new Account(a), "alice@" + a + ".example,Alice,eng\n", Actor.cli(a, "test"));
            String code = s.codes().issue(new Account(a), "alice@" + a + ".example").code();
            JsonNode d = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation(a, "alice@" + a + ".example", code, a + "-1"), Map.of()))
                    .at("/data/activateDevice");
            Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", d.path("deviceId").asText(), "reportId", "r1",
                    "report", AgentReports.debian11())), Map.of("Authorization", "Bearer " + d.path("apiToken").asText(), "JupiterOne-Account", a));
        }
        s.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", "test");
        openApi = Http.json(Http.send(HttpRequest.newBuilder(server.base().resolve("/api/v1/openapi.json")).GET().build()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.base().resolve("/api/v1" + path)).header("Authorization", "Bearer " + token);
        return Http.send((body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))).build());
    }

    /** The answer has every field the OpenAPI document's schema requires (one level, and each array item). */
    private void conforms(String schema, JsonNode answer) {
        JsonNode s = openApi.at("/components/schemas/" + schema);
        assertFalse(s.isMissingNode(), schema);
        for (JsonNode required : s.path("required")) {
            assertTrue(answer.has(required.asText()), schema + " needs " + required.asText() + ": " + answer);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode ref = p.getValue().path("items").path("$ref");
            if (ref.isTextual() && answer.path(p.getKey()).isArray()) {
                answer.path(p.getKey()).forEach(item -> conforms(ref.asText().replace("#/components/schemas/", ""), item));
            }
        }
    }

    private static void problem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode p = Http.JSON.readTree(r.body());
        assertEquals(status, p.path("status").asInt());
        assertTrue(p.path("type").asText().startsWith("https://auscult.dev/problems/") && p.hasNonNull("title"), r.body());
    }

    private String tokenFromConsole(String role) throws Exception {
        ConsoleSession owner = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery");
        HttpResponse<String> file = owner.post("/console/api-tokens", Map.of("name", "script-" + role, "role", role, "days", "30"));
        assertEquals(200, file.statusCode(), file.body());
        assertEquals("no-store", file.headers().firstValue("Cache-Control").orElse(""));
        Matcher m = Pattern.compile("Bearer (ausk_\\S+)").matcher(file.body());
        assertTrue(m.find(), file.body());
        assertFalse(owner.get("/console/api-tokens").body().contains(m.group(1)), "never on a page");
        return m.group(1);
    }

    @Test
    void aScriptListsFailingDevicesAndPublishesAPolicy() throws Exception {
        String token = tokenFromConsole("POLICY_EDITOR");
        HttpResponse<String> failing = call(token, "GET", "/devices?verdict=FAIL", null);
        assertEquals(200, failing.statusCode(), failing.body());
        JsonNode page = Http.JSON.readTree(failing.body());
        conforms("DevicePage", page);
        assertEquals(1, page.path("total").asInt());
        assertEquals("alice@acme.example", page.at("/devices/0/owner").asText(), "only this account's devices");
        JsonNode detail = Http.JSON.readTree(call(token, "GET", "/devices/" + page.at("/devices/0/id").asText(), null).body());
        conforms("Device", detail);
        assertTrue(detail.at("/latest/practices").size() > 0);

        HttpResponse<String> bad = call(token, "POST", "/policies", "{\"text\": \"firewall: SOMETIMES\\n\"}");
        problem(bad, 422);
        assertTrue(Http.JSON.readTree(bad.body()).path("errors").get(0).asText().contains("firewall"), bad.body());
        HttpResponse<String> preview = call(token, "POST", "/policies/preview", "{\"text\": \"automaticUpdates: NEVER\\n\"}");
        conforms("Preview", Http.JSON.readTree(preview.body()));
        HttpResponse<String> published = call(token, "POST", "/policies", "{\"text\": \"# from the script\\nname: Scripted\\nfirewall: ALWAYS\\n\"}");
        assertEquals(201, published.statusCode(), published.body());
        conforms("Published", Http.JSON.readTree(published.body()));
        JsonNode policies = Http.JSON.readTree(call(token, "GET", "/policies", null).body());
        conforms("Policies", policies);
        assertEquals(1, policies.at("/inForce/everyone").asInt());
        assertTrue(policies.at("/versions/0/text").asText().startsWith("# from the script"), "kept as written");
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().anyMatch(e -> e.action().equals("policy.publish")
                && e.actor().equals("api:script-POLICY_EDITOR (Policy editor)")), "the door, the token's name and its role");
    }

    /** The documented limit per token and minute (docs/server.md, "REST API"). */
    private static final int API_PER_MINUTE = 300;

    @Test
    void aTokenInALoopIsSlowedDownNotTheOthers() throws Exception {
        String looping = server.services.apiTokens().create(new Account("acme"), "loop", Role.AUDITOR, 1, Actor.cli("acme", "test")).secret();
        String other = server.services.apiTokens().create(new Account("acme"), "nightly", Role.AUDITOR, 1, Actor.cli("acme", "test")).secret();
        // the budget is a window per minute: a loop that straddles two minutes may rightly get two budgets
        long second = java.time.Instant.now().getEpochSecond() % 60;
        if (second > 40) {
            Thread.sleep((61 - second) * 1000);
        }
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < API_PER_MINUTE + 5; i++) {
            last = call(looping, "GET", "/audit?limit=1", null);
            ok += last.statusCode() == 200 ? 1 : 0;
        }
        assertTrue(ok <= API_PER_MINUTE && ok >= API_PER_MINUTE - 5, "about " + API_PER_MINUTE + " a minute, then 429: " + ok);
        problem(last, 429);
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, call(other, "GET", "/audit?limit=1", null).statusCode(), "another token is not held");
    }

    @Test
    void rolesTokensAndAccountsHoldOnTheApiToo() throws Exception {
        String helpdesk = tokenFromConsole("HELPDESK");
        problem(call(helpdesk, "POST", "/policies", "{\"text\": \"firewall: ALWAYS\\n\"}"), 403);
        JsonNode sent = Http.JSON.readTree(call(helpdesk, "POST", "/activations/send", "{\"audience\": [\"alice@acme.example\", \"nobody@acme.example\"]}").body());
        conforms("SendReport", sent);
        assertEquals(1, sent.path("notInPeople").asInt());
        String globexDevice = server.services.devices().list(new Account("globex"), false).getFirst().id();
        problem(call(helpdesk, "GET", "/devices/" + globexDevice, null), 404);
        problem(call(helpdesk, "POST", "/devices/" + globexDevice + "/revoke", null), 404);
        assertTrue(server.services.devices().list(new Account("globex"), false).getFirst().revokedAt().isEmpty());

        String auditor = server.services.apiTokens().create(new Account("acme"), "auditor", Role.AUDITOR, 1, Actor.cli("acme", "test")).secret();
        JsonNode audit = Http.JSON.readTree(call(auditor, "GET", "/audit?limit=50", null).body());
        conforms("Audit", audit);
        assertTrue(audit.path("entries").toString().contains("admin.refused"), "the helpdesk's refused publish is there");
        problem(call(auditor, "POST", "/policies/rollback", "{\"version\": 1}"), 403);

        problem(call("ausk_not-a-real-token", "GET", "/devices", null), 401);
        long id = server.services.apiTokens().list(new Account("acme")).stream().filter(t -> t.name().equals("auditor")).findFirst().orElseThrow().id();
        server.services.apiTokens().revoke(new Account("acme"), id, Actor.cli("acme", "test"));
        problem(call(auditor, "GET", "/devices", null), 401);
        assertTrue(server.services.apiTokens().list(new Account("acme")).stream().filter(t -> t.name().equals("script-HELPDESK")).findFirst().orElseThrow()
                .lastUsedAt().isPresent(), "the last use is kept");
    }
}

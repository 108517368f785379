package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCIM as RFC 7644 says: malformed input is a 400 with its scimType (never a 500), a duplicate is a 409, an
 * unsupported filter is refused rather than half applied, pages are honoured, and deactivation off-boards.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ScimProtocolTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private String token;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        token = server.services.scim().newToken(new Account("acme"), Actor.cli("acme", "test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String contentType) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, "application/scim+json");
    }

    private String create(String email) throws Exception {
        HttpResponse<String> r = call("POST", "/scim/v2/Users", "{\"userName\": \"" + email + "\", \"active\": true}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).path("id").asText();
    }

    private static void assertScimError(HttpResponse<String> r, int status, String scimType) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = Http.json(r);
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", e.path("schemas").path(0).asText(), r.body());
        assertEquals(String.valueOf(status), e.path("status").asText());
        assertEquals(scimType, e.path("scimType").asText(), r.body());
    }

    @Test
    void malformedInputIsA400WithItsScimType() throws Exception {
        String id = create("alice@acme.example");
        assertScimError(call("POST", "/scim/v2/Users", "{not json"), 400, "invalidSyntax");
        assertScimError(call("POST", "/scim/v2/Users", "[1, 2]"), 400, "invalidSyntax");
        assertScimError(call("POST", "/scim/v2/Users", "userName=bob%40acme.example", "application/x-www-form-urlencoded"), 400, "invalidSyntax");
        assertScimError(call("POST", "/scim/v2/Users", "{\"userName\": \"@\"}"), 400, "invalidValue");
        assertScimError(call("POST", "/scim/v2/Users", "{\"userName\": \"bob@acme.example\", \"displayName\": \"" + "b".repeat(201) + "\"}"), 400, "invalidValue");
        assertScimError(call("POST", "/scim/v2/Users", "{\"userName\": \"bob\\u0000@acme.example\"}"), 400, "invalidValue");
        assertScimError(call("POST", "/scim/v2/Users", "{\"userName\": \"bob@acme.example\", \"displayName\": \"Bob\\u0000\"}"), 400, "invalidValue");
        assertScimError(call("PATCH", "/scim/v2/Users/" + id, "not json"), 400, "invalidSyntax");
        assertScimError(call("PATCH", "/scim/v2/Users/" + id, "{\"Operations\": [{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"x\"}]}"),
                400, "invalidPath");
        assertScimError(call("GET", "/scim/v2/Users?startIndex=abc", null), 400, "invalidValue");
        assertTrue(server.services.people().find(new Account("acme"), "bob@acme.example").isEmpty(), "nothing half stored");
    }

    @Test
    void aSecondUserWithTheSameAddressIsA409() throws Exception {
        create("alice@acme.example");
        String bob = create("bob@acme.example");
        assertScimError(call("POST", "/scim/v2/Users", "{\"userName\": \"Alice@acme.example\"}"), 409, "uniqueness");
        assertScimError(call("PUT", "/scim/v2/Users/" + bob, "{\"userName\": \"alice@acme.example\", \"active\": true}"), 409, "uniqueness");
        assertEquals("bob@acme.example", Http.json(call("GET", "/scim/v2/Users/" + bob, null)).path("userName").asText(), "bob unchanged");
    }

    @Test
    void anUnsupportedFilterIsRefusedNotHalfApplied() throws Exception {
        create("alice@acme.example");
        create("bob@acme.example");
        for (String filter : List.of("userName eq \"alice@acme.example\" or userName eq \"bob@acme.example\"", "displayName eq \"Alice\"",
                "userName sw \"a\"")) {
            assertScimError(call("GET", "/scim/v2/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), null), 400, "invalidFilter");
        }
        JsonNode one = Http.json(call("GET", "/scim/v2/Users?filter=" + URLEncoder.encode("userName eq \"Alice@acme.example\"", StandardCharsets.UTF_8), null));
        assertEquals(1, one.path("totalResults").asInt());
    }

    @Test
    void pagesAreHonouredAsOktaAndEntraPage() throws Exception {
        for (int i = 0; i < 5; i++) {
            create("p" + i + "@acme.example");
        }
        JsonNode page = Http.json(call("GET", "/scim/v2/Users?startIndex=2&count=2", null));
        assertEquals(5, page.path("totalResults").asInt());
        assertEquals(2, page.path("startIndex").asInt());
        assertEquals(2, page.path("itemsPerPage").asInt());
        assertEquals("p1@acme.example", page.at("/Resources/0/userName").asText());
        assertEquals("p2@acme.example", page.at("/Resources/1/userName").asText());
        JsonNode last = Http.json(call("GET", "/scim/v2/Users?startIndex=5&count=10", null));
        assertEquals(1, last.path("itemsPerPage").asInt());
        JsonNode none = Http.json(call("GET", "/scim/v2/Users?startIndex=0&count=-3", null));
        assertEquals(1, none.path("startIndex").asInt(), "below 1 reads as 1");
        assertEquals(0, none.path("itemsPerPage").asInt(), "below 0 reads as 0");
        assertEquals(5, none.path("totalResults").asInt());
    }

    @Test
    void deactivationOffboardsPendingCodesAndDevices() throws Exception {
        String id = create("carol@acme.example");
        String first = server.services.codes().issue(new Account("acme"), "carol@acme.example").code();
        JsonNode device = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "carol@acme.example", first, "uuid-carol"), Map.of()))
                .at("/data/activateDevice");
        String pending = server.services.codes().issue(new Account("acme"), "carol@acme.example").code();

        HttpResponse<String> off = call("PATCH", "/scim/v2/Users/" + id,
                "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"replace\", \"path\": \"active\", \"value\": false}]}");
        assertEquals(200, off.statusCode(), off.body());

        JsonNode again = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "carol@acme.example", pending, "uuid-new"), Map.of()));
        assertEquals("INVALID_CODE", again.at("/errors/0/extensions/code").asText(), "a pending code no longer activates: " + again);
        HttpResponse<String> report = Http.graphql(server.graphql(), Http.REPORT,
                Map.of("input", Map.of("deviceId", device.path("deviceId").asText(), "reportId", "r1", "report", AgentReports.debian11())),
                Map.of("Authorization", "Bearer " + device.path("apiToken").asText(), "JupiterOne-Account", "acme"));
        assertEquals("UNAUTHENTICATED", Http.json(report).at("/errors/0/extensions/code").asText(), "the device no longer reports: " + report.body());
        assertTrue(server.services.devices().find(new Account("acme"), device.path("deviceId").asText()).orElseThrow().revokedAt().isPresent(),
                "the console shows the device revoked");
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().anyMatch(e -> e.action().equals("scim.offboard")
                && e.detail().contains("1 unused codes and 1 devices revoked")));
        assertFalse(Http.json(call("GET", "/scim/v2/Users/" + id, null)).path("active").asBoolean());
    }
}

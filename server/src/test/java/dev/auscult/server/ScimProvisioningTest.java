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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** An identity provider provisioning people over SCIM 2.0, as Okta and Entra ID send it. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ScimProvisioningTest {

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

    private HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return Http.send(b.build());
    }

    @Test
    void usersAreCreatedFoundGroupedAndDeactivated() throws Exception {
        String alice = """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName": "Alice@Acme.example", "name": {"givenName": "Alice", "familyName": "Liddell"}, "active": true,
                 "externalId": "00u1", "emails": [{"value": "alice@acme.example", "primary": true}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "eng"}}""";
        HttpResponse<String> created = call("POST", "/scim/v2/Users", alice, token);
        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created).path("id").asText();
        assertEquals("eng", server.services.people().find(new Account("acme"), "alice@acme.example").orElseThrow().group().orElseThrow());

        JsonNode found = Http.json(call("GET", "/scim/v2/Users?filter=" + URLEncoder.encode("userName eq \"alice@acme.example\"", StandardCharsets.UTF_8), null, token));
        assertEquals(1, found.path("totalResults").asInt());
        assertEquals(id, found.at("/Resources/0/id").asText());

        HttpResponse<String> patched = call("PATCH", "/scim/v2/Users/" + id,
                "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"replace\", \"value\": {\"active\": false}}]}", token);
        assertEquals(200, patched.statusCode(), patched.body());
        assertFalse(server.services.people().find(new Account("acme"), "alice@acme.example").orElseThrow().active());
        assertTrue(server.services.people().withoutDevice(new Account("acme")).isEmpty(), "deactivated people get no activation mail");

        assertEquals(204, call("DELETE", "/scim/v2/Users/" + id, null, token).statusCode());
        assertTrue(server.services.people().find(new Account("acme"), "alice@acme.example").isPresent(), "deactivated, not deleted: history stays");
    }

    @Test
    void aDeactivatedPersonsDevicesAreRevokedAndEveryPostureTargetIsTold() throws Exception {
        HttpResponse<String> created = call("POST", "/scim/v2/Users",
                "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"userName\": \"bob@acme.example\", \"active\": true}", token);
        String id = Http.json(created).path("id").asText();
        var device = server.services.devices().activate(new dev.auscult.server.service.Devices.ActivationRequest("acme", "bob@acme.example",
                server.services.codes().issue(new Account("acme"), "bob@acme.example").code(), "uuid-bob", "1.0.0", "linux", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()), "127.0.0.1");
        // a receiver that is not listening: what matters here is what goes into the outbox, in the deactivation's unit of work
        server.services.deliveries().add(new Account("acme"), dev.auscult.server.store.DeliveryTarget.Kind.WEBHOOK, "NAC", "http://127.0.0.1:9/hook",
                java.util.Optional.empty(), java.util.Optional.empty(), Actor.cli("acme", "test"));

        assertEquals(200, call("PATCH", "/scim/v2/Users/" + id, "{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"], "
                + "\"Operations\": [{\"op\": \"replace\", \"value\": {\"active\": false}}]}", token).statusCode());

        assertTrue(server.services.devices().find(new Account("acme"), device.deviceId()).orElseThrow().revokedAt().isPresent());
        var told = server.services.database().jdbi().withHandle(h -> h.createQuery("SELECT payload FROM deliveries WHERE event_type = :t AND device_id = :d")
                .bind("t", dev.auscult.server.service.Deliveries.REVOKED).bind("d", device.deviceId()).mapTo(String.class).list());
        assertEquals(1, told.size(), "one revocation event for the one target");
        assertTrue(told.getFirst().contains("\"current\":\"revoked\"") && told.getFirst().contains("deactivated"), told.getFirst());
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        assertEquals(401, call("GET", "/scim/v2/Users", null, "scim_forged").statusCode());
        assertEquals(401, call("GET", "/scim/v2/Users", null, "").statusCode());
    }
}

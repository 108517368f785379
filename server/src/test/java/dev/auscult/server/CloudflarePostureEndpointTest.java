package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.policy.Policy;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auscult as Cloudflare's custom device posture provider: the request and answer exactly as Cloudflare documents them
 * (WARP's integration posts {@code devices} with its own IDs, e-mail, serial number, host name; expects
 * {@code result.<device_id>.{s2s_id, score}}), authenticated with the service token headers it sends. Cloudflare cannot
 * be reached from here: this test plays its part with those documented shapes.
 */
class CloudflarePostureEndpointTest {

    @TempDir
    Path dir;
    private RunningServer server;
    private String token;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(new TestDatabases.Kind("SQLite").freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        token = server.services.apiTokens().create(new Account("acme"), "cloudflare", Role.AUDITOR, 30, Actor.cli("acme", "test")).secret();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> ask(String clientId, String secret, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/posture/cloudflare"))
                .header("CF-Access-Client-Id", clientId).header("CF-Access-Client-Secret", secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void eachDeviceWarpSeesGetsItsScoreAndUnknownOnesFailClosed() throws Exception {
        Policy updates = server.services.policies().validate("policy.yaml", "automaticUpdates: ALWAYS\n");
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        TrustedDevice bob = TrustedDevice.activate(server, dir, "bob-laptop", "acme", "bob@acme.example");
        TrustedDevice bob2 = TrustedDevice.activate(server, dir, "bob-desktop", "acme", "bob@acme.example");
        server.services.policies().publish(new Account("acme"), java.util.Optional.empty(), "policy.yaml", "automaticUpdates: ALWAYS\n", Actor.cli("acme", "test"));
        alice.report(updates, true);    // passes
        bob.report(updates, false);     // automatic updates off: fails
        bob2.report(updates, true);

        HttpResponse<String> r = ask("cloudflare", token, """
                {"devices": [
                  {"device_id": "warp-1", "email": "alice@acme.example", "serial_number": "", "mac_address": "74:1d:3e:23:e0:fe", "virtual_ipv4": "100.96.0.10", "hostname": "whatever"},
                  {"device_id": "warp-2", "email": "bob@acme.example", "serial_number": "", "hostname": "bob-laptop"},
                  {"device_id": "warp-3", "email": "bob@acme.example", "serial_number": "", "hostname": "bob-desktop"},
                  {"device_id": "warp-4", "email": "bob@acme.example", "serial_number": "", "hostname": "a-third-machine"},
                  {"device_id": "warp-5", "email": "mallory@elsewhere.example", "serial_number": "C02XYZ", "hostname": "x"}
                ]}""");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = Http.JSON.readTree(r.body()).path("result");
        assertEquals(100, result.at("/warp-1/score").asInt(), "alice's only device passes (matched by her e-mail)");
        assertEquals(alice.record().deviceId(), result.at("/warp-1/s2s_id").asText());
        assertEquals(0, result.at("/warp-2/score").asInt(), "bob's laptop fails (matched by e-mail and host name)");
        assertEquals(bob.record().deviceId(), result.at("/warp-2/s2s_id").asText());
        assertEquals(100, result.at("/warp-3/score").asInt());
        assertEquals(0, result.at("/warp-4/score").asInt(), "bob has two devices and neither is that one: not guessed");
        assertEquals("", result.at("/warp-4/s2s_id").asText());
        assertEquals(0, result.at("/warp-5/score").asInt(), "unknown to Auscult: fail closed");
    }

    @Test
    void onlyTheServiceTokenItWasGivenIsAcceptedAndBadBodiesAreRefusedPlainly() throws Exception {
        String body = "{\"devices\": [{\"device_id\": \"warp-1\", \"email\": \"alice@acme.example\"}]}";
        assertEquals(401, ask("cloudflare", "ausk_not-a-token", body).statusCode());
        assertEquals(401, ask("someone-else", token, body).statusCode(), "the client id must name the token");
        assertEquals(200, ask("cloudflare", token, body).statusCode());
        assertEquals(422, ask("cloudflare", token, "{\"devices\": \"all of them\"}").statusCode());
        StringBuilder many = new StringBuilder("{\"devices\": [");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"device_id\": \"d").append(i).append("\"}");
        }
        HttpResponse<String> tooMany = ask("cloudflare", token, many + "]}");
        assertEquals(422, tooMany.statusCode());
        assertTrue(tooMany.body().contains("at most 1000"), tooMany.body());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.auscult.policy.Policy;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Role;
import dev.auscult.server.service.SsfStreams;
import io.javalin.Javalin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Shared Signals receiver manages its own stream (OpenID SSF 1.0 §8.1) with an API token: it finds the endpoints in
 * the transmitter's metadata, creates a push stream for the events it wants, asks for a verification event, pauses the
 * stream (events wait) and enables it (they come), changes what it wants, and deletes the stream. Every SET it gets is
 * validated as the specifications say: signature from the published JWKS, typ, iss, aud, the required claims.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class SharedSignalsStreamsTest {

    @Parameter
    TestDatabases.Kind db;

    @TempDir
    Path dir;

    private RunningServer server;
    private Javalin receiver;
    private Policy policy;
    private String token;
    private final List<JWTClaimsSet> sets = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        String yaml = "automaticUpdates: ALWAYS\n";
        server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml", yaml, Actor.cli("acme", "test"));
        policy = server.services.policies().validate("policy.yaml", yaml);
        token = server.services.apiTokens().create(new Account("acme"), "okta-receiver", Role.OWNER, 1, Actor.cli("acme", "test")).secret();
        receiver = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/events", ctx -> {
                if (!"application/secevent+jwt".equals(ctx.contentType()) || !"Bearer receiver-secret".equals(ctx.header("Authorization"))) {
                    refusals.add("request");
                    ctx.status(400);
                    return;
                }
                try {
                    sets.add(processor.process(ctx.body(), null));
                    ctx.status(202);
                } catch (Exception e) {
                    refusals.add(e.getMessage());
                    ctx.status(400);
                }
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        receiver.stop();
        server.close();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.port() + "/events";
    }

    /** The receiver trusts what the metadata names: the issuer and its keys; the aud it is told in the stream's configuration. */
    private void trust(String issuer, String audience) throws Exception {
        var jwks = JWKSourceBuilder.create(server.base().resolve("/oidc/jwks").toURL()).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("secevent+jwt")));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwks));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("iss", "iat", "jti", "events", "sub_id")));
        processor = p;
    }

    private HttpResponse<String> call(String method, String url, String bearer, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)));
        return Http.send(b.build());
    }

    private List<JWTClaimsSet> of(String type) {
        return sets.stream().filter(s -> {
            try {
                return s.getJSONObjectClaim("events").containsKey(type);
            } catch (java.text.ParseException e) {
                return false;
            }
        }).toList();
    }

    private void until(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        Eventually.until(done, what, () -> "got " + sets.size() + " SETs, refused " + refusals);
    }

    @Test
    void aReceiverCreatesVerifiesPausesChangesAndDeletesItsStream() throws Exception {
        JsonNode meta = Http.JSON.readTree(Http.send(HttpRequest.newBuilder(server.base().resolve("/.well-known/ssf-configuration")).GET().build()).body());
        String streams = meta.path("configuration_endpoint").asText();
        assertTrue(streams.endsWith("/api/v1/ssf/streams"), meta.toString());
        assertEquals("urn:ietf:rfc:6750", meta.at("/authorization_schemes/0/spec_urn").asText());

        HttpResponse<String> made = call("POST", streams, token, Map.of("delivery", Map.of("method", SsfStreams.PUSH, "endpoint_url", endpoint(),
                "authorization_header", "Bearer receiver-secret"), "events_requested", List.of(SsfStreams.COMPLIANCE, "urn:example:not-sent"),
                "description", "Okta"));
        assertEquals(201, made.statusCode(), made.body());
        JsonNode config = Http.JSON.readTree(made.body());
        String id = config.path("stream_id").asText();
        assertEquals(List.of(SsfStreams.COMPLIANCE, SsfStreams.VERIFICATION), Http.JSON.convertValue(config.path("events_delivered"), List.class));
        trust(config.path("iss").asText(), config.path("aud").asText());

        // verification: the state comes back, the stream is the subject
        assertEquals(204, call("POST", meta.path("verification_endpoint").asText(), token, Map.of("stream_id", id, "state", "VGhpcyBpcyBhbiBleGFtcGxl"))
                .statusCode());
        until(() -> of(SsfStreams.VERIFICATION).size() == 1, "a verification event");
        JWTClaimsSet v = of(SsfStreams.VERIFICATION).getFirst();
        assertEquals("VGhpcyBpcyBhbiBleGFtcGxl", ((Map<?, ?>) v.getJSONObjectClaim("events").get(SsfStreams.VERIFICATION)).get("state"));
        assertEquals(Map.of("format", "opaque", "id", id), v.getJSONObjectClaim("sub_id"));

        // a change is sent; a revocation is not (not asked for)
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        until(() -> of(SsfStreams.COMPLIANCE).size() == 1, "the first report's compliance");

        // paused: the change waits; enabled: it comes
        HttpResponse<String> paused = call("POST", meta.path("status_endpoint").asText(), token, Map.of("stream_id", id, "status", "paused",
                "reason", "maintenance"));
        assertEquals("paused", Http.JSON.readTree(paused.body()).path("status").asText(), paused.body());
        alice.report(policy, false);
        Thread.sleep(2_000);
        assertEquals(1, of(SsfStreams.COMPLIANCE).size(), "nothing is sent while paused");
        assertEquals(1, server.services.deliveries().backlog(new Account("acme")), "the change waits");
        assertEquals("paused", Http.JSON.readTree(call("GET", meta.path("status_endpoint").asText() + "?stream_id=" + id, token, null).body())
                .path("status").asText());
        server.services.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", Role.OWNER, "test");
        String console = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery").get("/console/push").body();
        assertTrue(console.contains("paused by its receiver") && console.contains("Okta"), "the console shows the stream paused");
        call("POST", meta.path("status_endpoint").asText(), token, Map.of("stream_id", id, "status", "enabled"));
        until(() -> of(SsfStreams.COMPLIANCE).size() == 2, "the change that waited");

        server.services.devices().revoke(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "test"));
        // now the receiver asks for revocations too
        HttpResponse<String> changed = call("PATCH", streams, token, Map.of("stream_id", id, "events_requested",
                List.of(SsfStreams.COMPLIANCE, SsfStreams.SESSION_REVOKED)));
        assertTrue(Http.JSON.readTree(changed.body()).path("events_delivered").toString().contains(SsfStreams.SESSION_REVOKED), changed.body());
        TrustedDevice again = TrustedDevice.activate(server, dir, "alice-laptop-2", "acme", "alice@acme.example");
        server.services.devices().revoke(new Account("acme"), again.record().deviceId(), Actor.cli("acme", "test"));
        until(() -> of(SsfStreams.SESSION_REVOKED).size() == 1, "the revocation asked for");
        Thread.sleep(500);
        assertEquals(1, of(SsfStreams.SESSION_REVOKED).size(), "the revocation before the change was not sent");

        // deleted: disabled, gone from the list, nothing more sent
        assertEquals(204, call("DELETE", streams + "?stream_id=" + id, token, null).statusCode());
        assertEquals(404, call("GET", streams + "?stream_id=" + id, token, null).statusCode());
        assertEquals("[]", call("GET", streams, token, null).body());
        assertTrue(refusals.isEmpty(), refusals.toString());
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.actor().startsWith("api:okta-receiver")
                && e.detail().contains("paused by its receiver (maintenance)")));
    }

    @Test
    void streamsBelongToTheirAccountAndNeedARoleThatMayChangeSettings() throws Exception {
        String streams = server.base() + "/api/v1/ssf/streams";
        HttpResponse<String> made = call("POST", streams, token, Map.of("delivery", Map.of("endpoint_url", endpoint())));
        assertEquals(201, made.statusCode(), made.body());
        String id = Http.JSON.readTree(made.body()).path("stream_id").asText();
        assertFalse(Http.JSON.readTree(made.body()).has("events_requested"), "asked for nothing in particular: everything");

        String auditor = server.services.apiTokens().create(new Account("acme"), "reader", Role.AUDITOR, 1, Actor.cli("acme", "test")).secret();
        assertEquals(403, call("GET", streams, auditor, null).statusCode());
        assertEquals(403, call("POST", streams, auditor, Map.of("delivery", Map.of("endpoint_url", endpoint()))).statusCode());

        String globex = server.services.apiTokens().create(new Account("globex"), "receiver", Role.OWNER, 1, Actor.cli("globex", "test")).secret();
        assertEquals(404, call("GET", streams + "?stream_id=" + id, globex, null).statusCode(), "another account's stream is not found");
        assertEquals(404, call("DELETE", streams + "?stream_id=" + id, globex, null).statusCode());
        assertEquals(404, call("POST", server.base() + "/api/v1/ssf/verify", globex, Map.of("stream_id", id)).statusCode());
        assertEquals("[]", call("GET", streams, globex, null).body());
        assertEquals(200, call("GET", streams + "?stream_id=" + id, token, null).statusCode(), "still there for its own account");

        // what cannot be carried out: 400
        assertEquals(400, call("POST", streams, token, Map.of("delivery", Map.of("method", "urn:ietf:rfc:8936"))).statusCode(), "poll is not offered");
        assertEquals(400, call("POST", streams, token, Map.of("delivery", Map.of("endpoint_url", "http://receiver.example/events"))).statusCode(),
                "plain http to another machine");
        assertEquals(400, call("POST", streams, token, Map.of("delivery", Map.of("endpoint_url", endpoint(), "authorization_header", "Basic eDp5")))
                .statusCode());
        assertEquals(400, call("POST", server.base() + "/api/v1/ssf/status", token, Map.of("stream_id", id, "status", "asleep")).statusCode());
        assertEquals(401, call("GET", streams, "ausk_not-a-token", null).statusCode());
    }
}

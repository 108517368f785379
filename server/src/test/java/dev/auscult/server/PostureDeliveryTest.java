package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.DeliveryTarget;
import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.auscult.server.push.WebhookSignature;
import dev.auscult.server.service.Deliveries;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Posture pushed to where access is decided, over real HTTP on both engines: a webhook receiver that checks the
 * Standard Webhooks signature and an OpenID Shared Signals receiver that validates each Security Event Token as the
 * specifications say (signature from the published JWKS, typ, iss, aud, the CAEP event and its subject). A change
 * reaches both, an unchanged report sends nothing, a revocation is told; a receiver answering 500 and 429 gets each
 * event once it recovers; two server instances on one database send each event exactly once.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class PostureDeliveryTest {

    @Parameter
    TestDatabases.Kind db;

    @TempDir
    Path dir;

    private RunningServer server;
    private Javalin receiver;
    private Policy policy;
    /** What the receivers accepted: event ID → how many times. */
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();
    private final List<JWTClaimsSet> sets = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> receivedAt = new ConcurrentHashMap<>();
    /** Answers the receivers give before they accept (500, 429…), consumed in order. */
    private final List<Integer> troubles = Collections.synchronizedList(new ArrayList<>());
    private volatile String webhookSecret = "";
    /** The transmitter the receivers expect in iss: the server's public URL (one for every instance behind a balancer). */
    private volatile String issuer = "";

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        String yaml = "automaticUpdates: ALWAYS\n";
        server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml", yaml, Actor.cli("acme", "test"));
        policy = server.services.policies().validate("policy.yaml", yaml);
        transmitter(server);
        receiver = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/webhook", ctx -> {
                if (trouble(ctx)) {
                    return;
                }
                String id = ctx.header("webhook-id");
                long ts = Long.parseLong(ctx.header("webhook-timestamp"));
                if (!WebhookSignature.sign(webhookSecret, id, ts, ctx.bodyAsBytes()).equals(ctx.header("webhook-signature"))
                        || Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
                    refusals.add("webhook signature");
                    ctx.status(400);
                    return;
                }
                JsonNode body = Http.JSON.readTree(ctx.bodyAsBytes());
                accept("webhook:" + body.path("id").asText());
                webhooks.add(body);
                ctx.status(204);
            });
            c.routes.post("/ssf", ctx -> {
                if (trouble(ctx)) {
                    return;
                }
                if (!"application/secevent+jwt".equals(ctx.contentType()) || !"Bearer receiver-token".equals(ctx.header("Authorization"))) {
                    refusals.add("ssf request");
                    ctx.status(400);
                    return;
                }
                try {
                    JWTClaimsSet set = setProcessor.process(ctx.body(), null);
                    if (!issuer.equals(set.getIssuer())) {
                        throw new IllegalArgumentException("iss " + set.getIssuer() + " is not the transmitter " + issuer);
                    }
                    accept("ssf:" + set.getJWTID());
                    sets.add(set);
                    ctx.status(202);
                } catch (Exception e) {
                    refusals.add("SET: " + e.getMessage());
                    ctx.status(400).json(Map.of("err", "invalid_request", "description", String.valueOf(e.getMessage())));
                }
            });
        }).start("127.0.0.1", 0);
    }

    private volatile DefaultJWTProcessor<SecurityContext> setProcessor;

    /** The receiver's view of the transmitter: its keys (the JWKS it publishes) and its issuer. */
    private void transmitter(RunningServer on) throws Exception {
        var jwks = JWKSourceBuilder.create(on.base().resolve("/oidc/jwks").toURL()).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("secevent+jwt")));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwks));
        // RFC 8417: a SET has no exp; iss, aud, iat, jti and events are required
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("urn:acme:receiver", null, Set.of("iss", "iat", "jti", "events", "sub_id")));
        setProcessor = p;
        issuer = on.services.config().publicUrl().orElse(on.base().toString());
    }

    private boolean trouble(io.javalin.http.Context ctx) {
        Integer status;
        synchronized (troubles) {
            status = troubles.isEmpty() ? null : troubles.removeFirst();
        }
        if (status == null) {
            return false;
        }
        if (status == 429) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(status);
        return true;
    }

    private void accept(String eventId) {
        received.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
        receivedAt.putIfAbsent(eventId, Instant.now());
    }

    @AfterEach
    void stop() {
        receiver.stop();
        server.close();
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private void targets(RunningServer on) {
        var made = on.services.deliveries().add(new Account("acme"), DeliveryTarget.Kind.WEBHOOK, "NAC", receiverUrl("/webhook"), Optional.empty(), Optional.empty(), Actor.cli("acme", "test"));
        webhookSecret = made.secret().orElseThrow();
        on.services.deliveries().add(new Account("acme"), DeliveryTarget.Kind.SSF, "IdP", receiverUrl("/ssf"), Optional.of("urn:acme:receiver"),
                Optional.of("receiver-token"), Actor.cli("acme", "test"));
    }

    private void until(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        Eventually.until(done, what, () -> "received " + received + ", refused " + refusals);
    }

    @Test
    void aChangeReachesBothReceiversSignedAndValidAndNothingElseIsSent() throws Exception {
        targets(server);
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        until(() -> received.size() == 2 && webhooks.size() == 1 && sets.size() == 1, "the first posture at both");
        assertEquals("compliant", webhooks.getFirst().path("current").asText());

        alice.report(policy, false);
        until(() -> webhooks.size() == 2 && sets.size() == 2, "the change at both");
        JsonNode hook = webhooks.get(1);
        assertEquals("device.compliance-changed", hook.path("type").asText());
        assertEquals("compliant", hook.path("previous").asText());
        assertEquals("not-compliant", hook.path("current").asText());
        assertEquals("automaticUpdates", hook.path("failingPractices").get(0).asText());
        assertEquals(alice.record().deviceId(), hook.path("device").path("id").asText());
        JWTClaimsSet set = sets.get(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) set.getJSONObjectClaim("events")
                .get("https://schemas.openid.net/secevent/caep/event-type/device-compliance-change");
        assertEquals("compliant", event.get("previous_status"));
        assertEquals("not-compliant", event.get("current_status"));
        assertEquals("complex", set.getJSONObjectClaim("sub_id").get("format"));
        assertEquals(List.of("urn:acme:receiver"), set.getAudience());

        alice.report(policy, false);   // the same posture again: nothing to tell
        Thread.sleep(1500);
        assertEquals(2, webhooks.size());

        server.services.devices().revoke(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "admin@acme.example"));
        until(() -> webhooks.size() == 3 && sets.size() == 3, "the revocation at both");
        assertEquals("device.revoked", webhooks.get(2).path("type").asText());
        assertTrue(sets.get(2).getJSONObjectClaim("events").containsKey("https://schemas.openid.net/secevent/caep/event-type/session-revoked"));
        assertTrue(refusals.isEmpty(), refusals.toString());
        assertTrue(received.values().stream().allMatch(n -> n.get() == 1), "each event once: " + received);
        until(() -> server.services.deliveries().backlog(new Account("acme")) == 0, "every delivery marked sent");
        server.services.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", dev.auscult.server.service.Role.OWNER, "test");
        ConsoleSession owner = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery");
        String page = owner.get("/console/push").body();
        assertTrue(page.contains("NAC") && page.contains("IdP") && !page.contains(webhookSecret), "targets listed, the secret never shown");
        assertTrue(owner.get("/console/devices/" + alice.record().deviceId()).body().contains("device.revoked to NAC: delivered"), "the device page says");
        JsonNode ssf = Http.json(Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/.well-known/ssf-configuration")).build()));
        assertEquals(server.base().toString(), ssf.path("issuer").asText());
        assertEquals("urn:ietf:rfc:8935", ssf.path("delivery_methods_supported").get(0).asText());
    }

    @Test
    void aReceiverInTroubleGetsEveryEventOnceItRecovers() throws Exception {
        targets(server);
        troubles.addAll(List.of(500, 500, 429, 503, 429));
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        until(() -> webhooks.size() == 1 && sets.size() == 1, "delivered after 500, 429 and 503 answers");
        var targets = server.services.deliveries().list(new Account("acme"));
        assertTrue(targets.stream().anyMatch(t -> t.lastError().orElse("").startsWith("HTTP ")), "the errors are shown: " + targets);
        until(() -> server.services.deliveries().list(new Account("acme")).stream().allMatch(t -> t.lastSuccessAt().isPresent() && t.backlog() == 0), "marked sent");
        assertTrue(received.values().stream().allMatch(n -> n.get() == 1), "each event once: " + received);
    }

    @Test
    void twoInstancesOnOneDatabaseSendEachEventExactlyOnce() throws Exception {
        // behind a load balancer the instances share a database and a public URL (the transmitter's iss)
        String shared = server.services.config().databaseUrl().orElseThrow();
        server.close();   // only the two instances below send
        Map<String, String> env = Map.of("AUSCULT_PUBLIC_URL", "https://auscult.acme.example");
        try (RunningServer first = RunningServer.start(shared, m -> { }, java.time.Clock.systemUTC(), true, env);
             RunningServer second = RunningServer.start(shared, m -> { }, java.time.Clock.systemUTC(), true, env)) {
            transmitter(first);
            targets(first);
            List<TrustedDevice> fleet = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                fleet.add(TrustedDevice.activate(i % 2 == 0 ? first : second, dir, "laptop-" + i, "acme", "alice@acme.example"));
            }
            Instant t0 = Instant.now();
            for (int round = 0; round < 3; round++) {
                for (TrustedDevice d : fleet) {
                    d.report(policy, round % 2 == 0);   // pass, fail, pass: three changes each
                }
            }
            until(() -> received.size() == 60 && webhooks.size() == 30 && sets.size() == 30, "30 changes × 2 targets");
            Thread.sleep(1500);   // nothing more arrives late
            assertEquals(30, webhooks.size());
            assertEquals(30, sets.size());
            assertTrue(received.values().stream().allMatch(n -> n.get() == 1), "each event once per target, none doubled: " + received);
            until(() -> first.services.deliveries().backlog(new Account("acme")) == 0, "every delivery marked sent");
            assertTrue(refusals.isEmpty(), refusals.toString());
            List<Long> millis = receivedAt.values().stream().map(at -> Duration.between(t0, at).toMillis()).sorted().toList();
            java.nio.file.Files.writeString(Path.of(System.getenv().getOrDefault("AUSCULT_SERVER_TEST_TMP", "target"), "delivery-latency-" + db + ".txt"),
                    "60 deliveries from 30 changes, 2 instances: last received " + millis.getLast() + " ms after the first report\n");
        }
    }

    @Test
    void aDeviceThatFallsSilentIsPushedAsNotCompliantOnceAndItsNextReportAsAChange() throws Exception {
        targets(server);
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        until(() -> webhooks.size() == 1, "the first posture");
        // a day passes without a report (the worker sweeps every minute; here the sweep is called once the day has "passed")
        server.services.database().jdbi().useHandle(h -> h.createUpdate("UPDATE devices SET last_seen_at = :t WHERE id = :d")
                .bind("t", Instant.now().minus(Duration.ofHours(25))).bind("d", alice.record().deviceId()).execute());
        assertEquals(1, server.services.deliveries().sweepStale(), "silent for 25 h: told once");
        assertEquals(0, server.services.deliveries().sweepStale(), "and only once");
        until(() -> webhooks.size() == 2 && sets.size() == 2, "the silence pushed");
        JsonNode silent = webhooks.get(1);
        assertEquals("not-compliant", silent.path("current").asText());
        assertTrue(silent.path("reason").asText().startsWith("not seen since"), silent.toString());
        alice.report(policy, true);   // back, with the same posture as before the silence: still a change for the targets
        until(() -> webhooks.size() == 3, "back");
        assertEquals("compliant", webhooks.get(2).path("current").asText());
        assertEquals("not-compliant", webhooks.get(2).path("previous").asText());
    }
}

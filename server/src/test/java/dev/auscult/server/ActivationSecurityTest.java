package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Activation codes and device tokens against misuse: races, guessing, reuse, wrong accounts, revocation. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ActivationSecurityTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode activate(String account, String email, String code, String uuid, String client) throws Exception {
        return Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation(account, email, code, uuid), Map.of()));
    }

    @Test
    void twoActivationsRacingWithOneCodeYieldExactlyOneDevice() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<JsonNode>> results = java.util.stream.IntStream.range(0, racers).mapToObj(i -> pool.submit(() -> {
                go.await();
                return activate("acme", "alice@acme.example", code, "uuid-" + i, "c" + i);
            })).toList();
            go.countDown();
            int won = 0;
            for (Future<JsonNode> f : results) {
                JsonNode r = f.get();
                if (r.path("data").path("activateDevice").hasNonNull("deviceId")) {
                    won++;
                } else {
                    assertEquals("CODE_ALREADY_USED", r.at("/errors/0/extensions/code").asText(), r.toString());
                }
            }
            assertEquals(1, won);
        }
        assertEquals(1, server.services.devices().list(new Account("acme"), false).size());
    }

    @Test
    void wrongCodesUnknownAccountsAndOtherPeoplesCodesAreRefusedWithTheContractsCodes() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        assertEquals("INVALID_CODE", activate("acme", "alice@acme.example", "AAAA-BBBB-CCCC", "u1", "x").at("/errors/0/extensions/code").asText());
        assertEquals("INVALID_CODE", activate("acme", "mallory@acme.example", code, "u1", "x").at("/errors/0/extensions/code").asText(),
                "a code works only for the address it was issued to");
        assertEquals("INVALID_CODE", activate("globex", "alice@acme.example", code, "u1", "x").at("/errors/0/extensions/code").asText(),
                "nor in another account");
        assertEquals("UNKNOWN_ACCOUNT", activate("initech", "alice@acme.example", code, "u1", "x").at("/errors/0/extensions/code").asText());
        // typed loosely, it still works: lower case, no dashes
        JsonNode ok = activate("acme", "ALICE@acme.example", code.toLowerCase().replace("-", ""), "u1", "x");
        assertTrue(ok.at("/data/activateDevice/apiToken").asText().startsWith("asc_"), ok.toString());
    }

    @Test
    void guessingIsSlowedWithRetryAfter() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 12; i++) {
            last = Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", "ZZZZ-ZZZZ-ZZZ" + (i % 10), "u"), Map.of());
        }
        assertEquals(429, last.statusCode(), last.body());
        assertTrue(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()) > 0);
        // a correct code from the same address now waits too: the limit is on the client, not the guess
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        assertEquals(429, Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "alice@acme.example", code, "u"), Map.of()).statusCode());
    }

    @Test
    void anExpiredOrRevokedCodeIsInvalid() throws Exception {
        var issued = server.services.codes().issue(new Account("acme"), "alice@acme.example");
        assertEquals(1, server.services.codes().revokePending(new Account("acme"), java.util.Optional.of("alice@acme.example"), Actor.cli("acme", "test")));
        assertEquals("INVALID_CODE", activate("acme", "alice@acme.example", issued.code(), "u1", "x").at("/errors/0/extensions/code").asText());
        assertEquals("revoked", server.services.codes().list(new Account("acme")).getFirst().state(java.time.Instant.now()));
        try (RunningServer expiring = RunningServer.start(db.freshUrl(), m -> { },
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ZERO), true)) {
            expiring.services.accounts().create("acme", "Acme", "test");
            var code = expiring.services.codes().issue(new Account("acme"), "bob@acme.example");
            // the same database seen 15 days later
            try (RunningServer later = RunningServer.start(expiring.services.config().databaseUrl().orElseThrow(), m -> { },
                    java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(15)), false)) {
                JsonNode r = Http.json(Http.graphql(later.graphql(), Http.ACTIVATE, Http.activation("acme", "bob@acme.example", code.code(), "u2"), Map.of()));
                assertEquals("INVALID_CODE", r.at("/errors/0/extensions/code").asText(), r.toString());
            }
        }
    }

    @Test
    void aTokenWorksOnlyForItsDeviceAndAccountAndNotAfterRevocation() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        JsonNode a = activate("acme", "alice@acme.example", code, "u1", "x").at("/data/activateDevice");
        String token = a.path("apiToken").asText();
        String device = a.path("deviceId").asText();
        Map<String, Object> report = Map.of("input", Map.of("deviceId", device, "reportId", "r-1", "report", AgentReports.debian11()));
        assertEquals("FORBIDDEN", Http.json(Http.graphql(server.graphql(), Http.REPORT, report,
                Map.of("Authorization", "Bearer " + token, "JupiterOne-Account", "globex"))).at("/errors/0/extensions/code").asText());
        assertEquals("UNAUTHENTICATED", Http.json(Http.graphql(server.graphql(), Http.REPORT, report,
                Map.of("Authorization", "Bearer asc_forged", "JupiterOne-Account", "acme"))).at("/errors/0/extensions/code").asText());
        assertFalse(Http.json(Http.graphql(server.graphql(), Http.REPORT, report,
                Map.of("Authorization", "Bearer " + token, "JupiterOne-Account", "acme"))).has("errors"));
        server.services.devices().revoke(new Account("acme"), device, Actor.cli("acme", "test"));
        assertEquals("UNAUTHENTICATED", Http.json(Http.graphql(server.graphql(), Http.REPORT, report,
                Map.of("Authorization", "Bearer " + token, "JupiterOne-Account", "acme"))).at("/errors/0/extensions/code").asText());
    }

    /** A server behind a trusted proxy (127.0.0.1), so a test can speak as many client addresses through X-Forwarded-For. */
    private RunningServer behindProxy() throws Exception {
        RunningServer proxied = RunningServer.start(db.freshUrl(), m -> { }, java.time.Clock.systemUTC(), true, Map.of("AUSCULT_TRUSTED_PROXIES", "127.0.0.1"));
        proxied.services.accounts().create("acme", "Acme", "test");
        return proxied;
    }

    private static JsonNode activateFrom(RunningServer s, String client, String email, String code, String uuid) throws Exception {
        return Http.json(Http.graphql(s.graphql(), Http.ACTIVATE, Http.activation("acme", email, code, uuid), Map.of("X-Forwarded-For", client)));
    }

    @Test
    void concurrentGuessesCannotOvershootTheAllowance() throws Exception {
        try (RunningServer proxied = behindProxy()) {
            int guesses = 60;
            CountDownLatch go = new CountDownLatch(1);
            int evaluated = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<JsonNode>> results = java.util.stream.IntStream.range(0, guesses).mapToObj(i -> pool.submit(() -> {
                    go.await();
                    return activateFrom(proxied, "203.0.113.9", "p" + i + "@acme.example", "ZZZZ-ZZZZ-ZZZZ", "u" + i);
                })).toList();
                go.countDown();
                for (Future<JsonNode> f : results) {
                    if (f.get().at("/errors/0/extensions/code").asText().equals("INVALID_CODE")) {
                        evaluated++;
                    }
                }
            }
            assertEquals(10, evaluated, "exactly the per-client allowance was evaluated, the rest held");
        }
    }

    @Test
    void guessersAreHeldWithoutHoldingThePeopleTheyGuessAt() throws Exception {
        try (RunningServer proxied = behindProxy()) {
            String code = proxied.services.codes().issue(new Account("acme"), "alice@acme.example").code();
            // 120 wrong guesses spread over 12 addresses: more than the old account-wide limit of 100
            for (int c = 0; c < 12; c++) {
                for (int i = 0; i < 10; i++) {
                    activateFrom(proxied, "198.51.100." + c, "someone" + i + "@acme.example", "ZZZZ-ZZZZ-ZZZ" + i, "u");
                }
            }
            // and 12 at alice herself from one address, which is then held
            for (int i = 0; i < 12; i++) {
                activateFrom(proxied, "203.0.113.66", "alice@acme.example", "YYYY-YYYY-YYY" + (i % 10), "u");
            }
            assertEquals("THROTTLED", activateFrom(proxied, "203.0.113.66", "alice@acme.example", code, "alice-mac").at("/errors/0/extensions/code").asText(),
                    "the guesser's address is held, even with the right code");
            JsonNode alice = activateFrom(proxied, "192.0.2.10", "alice@acme.example", code, "alice-mac");
            assertTrue(alice.at("/data/activateDevice/apiToken").isTextual(), "alice on her own machine is not held: " + alice);
        }
    }

    @Test
    void activatingOnAnotherPersonsHardwareIdLeavesTheirDeviceAlone() throws Exception {
        String aliceCode = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        String malloryCode = server.services.codes().issue(new Account("acme"), "mallory@acme.example").code();
        String aliceDevice = activate("acme", "alice@acme.example", aliceCode, "uuid-alice-mac", "x").at("/data/activateDevice/deviceId").asText();
        JsonNode mallory = activate("acme", "mallory@acme.example", malloryCode, "uuid-alice-mac", "y");
        assertTrue(mallory.at("/data/activateDevice/deviceId").isTextual(), mallory.toString());
        assertTrue(server.services.devices().find(new Account("acme"), aliceDevice).orElseThrow().revokedAt().isEmpty(), "alice's device still works");
        assertTrue(server.services.audit().recent(new Account("acme"), 10).stream().anyMatch(e -> e.action().equals("device.activate")
                && e.detail().contains("the same hardware ID is active for " + aliceDevice + " (alice@acme.example)")), "and the log says so");
        // alice re-activating her own machine still replaces her earlier identity
        String again = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        activate("acme", "alice@acme.example", again, "uuid-alice-mac", "x");
        assertTrue(server.services.devices().find(new Account("acme"), aliceDevice).orElseThrow().revokedAt().isPresent());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** An administrator's mistakes get a clear 4xx, never a bare 500; and every answer, console or not, carries the security headers. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ConsoleMistakesTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private ConsoleSession acme;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
        server.services.admins().create(new Account("acme"), "admin@acme.example", "correct horse battery", "test");
        acme = ConsoleSession.signIn(server.base(), "admin@acme.example", "correct horse battery");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertMistake(HttpResponse<String> r, String words) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(words), r.body());
    }

    @Test
    void mistakesAreA400ThatSaysWhat() throws Exception {
        assertMistake(acme.post("/console/policy/rollback", Map.of("version", "abc")), "a whole number was expected");
        assertMistake(acme.post("/console/policy/rollback", Map.of("version", "99")), "has no policy version 99");
        String code = server.services.codes().issue(new Account("globex"), "bob@globex.example").code();
        String globexDevice = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("globex", "bob@globex.example", code, "u1"), Map.of()))
                .at("/data/activateDevice/deviceId").asText();
        assertMistake(acme.post("/console/devices/" + globexDevice + "/revoke", Map.of()), "no active device");
        assertTrue(server.services.devices().find(new Account("globex"), globexDevice).orElseThrow().revokedAt().isEmpty(), "globex's device untouched");
        assertMistake(acme.post("/console/activations/resend", Map.of("email", "carol@acme.example\r\nBcc: everyone@acme.example")), "is not an e-mail address");
        assertFalse(acme.post("/console/activations/resend", Map.of("email", "carol@acme.example\r\nBcc: x@y.z")).body().contains("\r\n"),
                "the address is shown escaped");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndA404DoesNotEchoThePath() throws Exception {
        String probe = "/nothing-here-%3Cscript%3Ealert(1)%3C/script%3E";
        for (String path : List.of("/", "/health", "/scim/v2/Users", probe, "/console/sign-in")) {
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(server.base().resolve(path)).GET().build());
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), path);
        }
        HttpResponse<String> missing = Http.send(HttpRequest.newBuilder(server.base().resolve(probe)).GET().build());
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("nothing-here") || missing.body().contains("script"), missing.body());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.service.Admins;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Console sign-in against guessing and forgery: the same answer in the same time for unknown names, wrong
 * passwords and holds; a guesser held without locking the owner out from another machine; another
 * administrator lifts a hold; a sign-in posted from another site is refused (login CSRF).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ConsoleSignInTest {

    private static final String ADMIN = "admin@acme.example";
    private static final String PASSWORD = "correct horse battery";

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { }, java.time.Clock.systemUTC(), true, Map.of("AUSCULT_TRUSTED_PROXIES", "127.0.0.1"));
        server.services.accounts().create("acme", "Acme", "test");
        server.services.admins().create(new Account("acme"), ADMIN, PASSWORD, "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> signIn(String client, String user, String password, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.base().resolve("/console/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(ConsoleSession.form(Map.of("username", user, "password", password))));
        headers.forEach(b::header);
        return Http.send(b.build());
    }

    private HttpResponse<String> signIn(String client, String user, String password) throws Exception {
        return signIn(client, user, password, Map.of());
    }

    private static boolean signedIn(HttpResponse<String> r) {
        return r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").endsWith("/console")
                && r.headers().firstValue("Set-Cookie").isPresent();
    }

    private static String refusal(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains(Admins.REFUSED.substring(0, 30)), r.body());
        return r.body().replaceAll("value=\"[^\"]*\"", "");
    }

    @Test
    void unknownNamesWrongPasswordsAndHoldsAnswerAlikeAndTheOwnerIsNotLockedOut() throws Exception {
        List<String> answers = new ArrayList<>();
        long[] known = new long[8];
        long[] unknown = new long[8];
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            answers.add(refusal(signIn("203.0.113.5", ADMIN, "wrong password " + i)));
            known[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            answers.add(refusal(signIn("203.0.113.5", "ghost@acme.example", "wrong password " + i)));
            unknown[i] = System.nanoTime() - t0;
        }
        assertEquals(1, answers.stream().distinct().count(), "one page for every refusal, held or not, known or not");
        // the held tries (6th to 8th) still do the password work: a hold is not told by a quick answer
        java.util.Arrays.sort(known, 5, 8);
        java.util.Arrays.sort(unknown, 5, 8);
        assertTrue(known[6] > known[1] / 3 && unknown[6] > known[1] / 3, "held answers take the time of a checked password");

        refusal(signIn("203.0.113.5", ADMIN, PASSWORD)); // the guesser's address is held, even with the right password
        // the owner on her own machine signs in, and is told
        ConsoleSession owner = ConsoleSession.signIn(server.base(), ADMIN, PASSWORD);
        assertTrue(owner.get("/console").body().contains("id=\"sign-in-holds\""), "the owner is told at her next sign-in");
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.action().equals("admin.held")
                && e.detail().contains("unlock-admin")), "the hold is in the audit log, with how to lift it");
        ConsoleSession again = ConsoleSession.signIn(server.base(), ADMIN, PASSWORD);
        assertTrue(!again.get("/console").body().contains("id=\"sign-in-holds\""), "once: the sign-in after that has nothing to tell");
    }

    @Test
    void oneAddressGuessingManyNamesIsHeldForEveryName() throws Exception {
        for (int i = 0; i < 20; i++) {
            refusal(signIn("203.0.113.7", "name" + i + "@acme.example", "guess"));
        }
        refusal(signIn("203.0.113.7", ADMIN, PASSWORD));
        assertTrue(signedIn(signIn("192.0.2.45", ADMIN, PASSWORD)));
    }

    @Test
    void anotherAdministratorLiftsAHold() throws Exception {
        for (int i = 0; i < 6; i++) {
            refusal(signIn("203.0.113.8", ADMIN, "wrong " + i));
        }
        refusal(signIn("203.0.113.8", ADMIN, PASSWORD));
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("admin", "unlock-admin", "--database", server.services.config().databaseUrl().orElseThrow(), ADMIN), out.toString());
        assertTrue(signedIn(signIn("203.0.113.8", ADMIN, PASSWORD)), "signs in from the same machine once the hold is lifted");
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.action().equals("admin.unlock")));
        assertEquals(4, Main.commandLine().execute("admin", "unlock-admin", "--database", server.services.config().databaseUrl().orElseThrow(),
                "nobody@acme.example"));
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() throws Exception {
        assertEquals(403, signIn("192.0.2.1", ADMIN, PASSWORD, Map.of("Origin", "https://evil.test")).statusCode());
        assertEquals(403, signIn("192.0.2.1", ADMIN, PASSWORD, Map.of("Origin", "null")).statusCode());
        assertEquals(403, signIn("192.0.2.1", ADMIN, PASSWORD, Map.of("Sec-Fetch-Site", "cross-site")).statusCode());
        String self = server.base().toString().replaceAll("/$", "");
        assertEquals(403, signIn("192.0.2.1", ADMIN, PASSWORD, Map.of("Origin", self, "Sec-Fetch-Site", "cross-site")).statusCode());
        // Chromium under the console's no-referrer policy: Origin null, Sec-Fetch-Site same-origin — its own form
        assertTrue(signedIn(signIn("192.0.2.1", ADMIN, PASSWORD, Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin"))));
        assertTrue(signedIn(signIn("192.0.2.1", ADMIN, PASSWORD, Map.of("Origin", self))), "a browser without Sec-Fetch-Site, same origin");
    }
}

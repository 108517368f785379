package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The day-to-day administrator tasks in the console, not only in a shell: add an administrator, set a new password
 * for one who forgot theirs (their sessions end), lift holds, remove one — within one's own account only — and a
 * SCIM token that arrives as a file, never on a page.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class ConsoleAdministratorsTest {

    private static final String OWNER = "owner@acme.example";
    private static final String PASSWORD = "correct horse battery";

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private ConsoleSession acme;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
        server.services.admins().create(new Account("acme"), OWNER, PASSWORD, "test");
        server.services.admins().create(new Account("globex"), "boss@globex.example", PASSWORD, "test");
        acme = ConsoleSession.signIn(server.base(), OWNER, PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAdministratorAddedInTheConsoleSignsInAndAForgottenPasswordIsReplaced() throws Exception {
        HttpResponse<String> differ = acme.post("/console/administrators/add", Map.of("username", "helpdesk@acme.example",
                "password", "first password one", "again", "first password two"));
        assertEquals(422, differ.statusCode());
        assertTrue(differ.body().contains("The two passwords differ"));
        HttpResponse<String> added = acme.post("/console/administrators/add", Map.of("username", "helpdesk@acme.example",
                "password", "first password one", "again", "first password one"));
        assertEquals(200, added.statusCode(), added.body());
        assertTrue(added.body().contains("helpdesk@acme.example can now sign in"));
        assertFalse(added.body().contains("first password one"), "a password is never shown");
        ConsoleSession helpdesk = ConsoleSession.signIn(server.base(), "helpdesk@acme.example", "first password one");

        HttpResponse<String> reset = acme.post("/console/administrators/password", Map.of("username", "helpdesk@acme.example",
                "password", "a brand new password", "again", "a brand new password"));
        assertTrue(reset.body().contains("their sessions have ended"), reset.body());
        assertEquals(302, helpdesk.get("/console").statusCode(), "the old session is over: back to sign-in");
        ConsoleSession.signIn(server.base(), "helpdesk@acme.example", "a brand new password");
        assertTrue(server.services.audit().recent(new Account("acme"), 10).stream().anyMatch(e -> e.action().equals("admin.password")));
    }

    @Test
    void anotherAccountsAdministratorsAreOutOfReach() throws Exception {
        String page = acme.get("/console/administrators").body();
        assertTrue(page.contains(OWNER) && !page.contains("boss@globex.example"), "only this account's administrators are listed");
        HttpResponse<String> reset = acme.post("/console/administrators/password", Map.of("username", "boss@globex.example",
                "password", "taken over you are", "again", "taken over you are"));
        assertTrue(reset.body().contains("This account has no administrator boss@globex.example"), reset.body());
        ConsoleSession.signIn(server.base(), "boss@globex.example", PASSWORD);   // still their own password
        HttpResponse<String> remove = acme.post("/console/administrators/remove", Map.of("username", "boss@globex.example", "confirmed", "yes"));
        assertTrue(remove.body().contains("This account has no administrator"), remove.body());
        assertTrue(acme.post("/console/administrators/unlock", Map.of("username", "boss@globex.example")).body().contains("has no administrator"));
    }

    @Test
    void removingAsksFirstAndNobodyRemovesThemselves() throws Exception {
        server.services.admins().create(new Account("acme"), "temp@acme.example", PASSWORD, "test");
        HttpResponse<String> asked = acme.post("/console/administrators/remove", Map.of("username", "temp@acme.example"));
        assertTrue(asked.body().contains("Remove temp@acme.example?"), asked.body());
        assertEquals(1, server.services.admins().list(new Account("acme")).stream().filter(a -> a.username().equals("temp@acme.example")).count());
        acme.post("/console/administrators/remove", Map.of("username", "temp@acme.example", "confirmed", "yes"));
        assertTrue(server.services.admins().list(new Account("acme")).stream().noneMatch(a -> a.username().equals("temp@acme.example")));
        assertTrue(acme.post("/console/administrators/remove", Map.of("username", OWNER, "confirmed", "yes")).body()
                .contains("you cannot remove yourself"));
        assertThrows(IllegalStateException.class, () -> ConsoleSession.signIn(server.base(), "temp@acme.example", PASSWORD));
    }

    @Test
    void aScimTokenArrivesAsAFileAndWorks() throws Exception {
        HttpResponse<String> file = acme.post("/console/people/scim-token", Map.of());
        assertEquals(200, file.statusCode());
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        assertEquals("no-store", file.headers().firstValue("Cache-Control").orElse(""));
        Matcher token = Pattern.compile("token .*: (\\S+)").matcher(file.body());
        assertTrue(token.find(), file.body());
        HttpResponse<String> users = Http.send(HttpRequest.newBuilder(server.base().resolve("/scim/v2/Users"))
                .header("Authorization", "Bearer " + token.group(1)).GET().build());
        assertEquals(200, users.statusCode(), users.body());
        assertFalse(acme.get("/console/people").body().contains(token.group(1)), "never on a page");
    }
}

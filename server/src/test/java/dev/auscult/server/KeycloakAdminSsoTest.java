package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Administrators signing in through the organisation's identity provider, with real components: Keycloak (groups
 * mapped to roles by a group-membership mapper), the console in Chromium. An owner sets it up with a password (kept as
 * break-glass), an owner and a helpdesk member then sign in through Keycloak in their roles, the helpdesk member is
 * refused publishing a policy, a person in no mapped group is refused, a removed membership counts at the next
 * sign-in, and password sign-in is kept for owners only — each step in the audit log.
 */
class KeycloakAdminSsoTest {

    private static final String REALM = "corp";
    private static final String PASSWORD = "correct horse battery";
    private static final Path SHOTS = Path.of(System.getenv().getOrDefault("AUSCULT_SERVER_TEST_TMP", "target"), "screenshots");

    private static RunningServer server;
    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.required("the single sign-on test");
        server = RunningServer.start(TestDatabases.all().findFirst().orElseThrow().freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.admins().create(new Account("acme"), "root@acme.example", PASSWORD, dev.auscult.server.service.Role.OWNER, "test");
        server.services.admins().create(new Account("acme"), "pat@acme.example", PASSWORD, dev.auscult.server.service.Role.HELPDESK, "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        keycloak = KeycloakServer.shared();
        keycloak.createRealm(REALM, realm());
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Object> user(String name, List<String> groups) {
        return Map.of("username", name, "email", name + "@acme.example", "emailVerified", true, "firstName", name, "lastName", "Example",
                "enabled", true, "groups", groups, "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
    }

    private static String realm() throws Exception {
        Map<String, Object> client = Map.of("clientId", "auscult-console", "enabled", true, "publicClient", false, "secret", "console-secret",
                "redirectUris", List.of(server.base() + "/console/sso/callback"), "standardFlowEnabled", true, "protocol", "openid-connect",
                "protocolMappers", List.of(Map.of("name", "groups", "protocol", "openid-connect", "protocolMapper", "oidc-group-membership-mapper",
                        "config", Map.of("claim.name", "groups", "full.path", "false", "id.token.claim", "true", "access.token.claim", "true",
                                "userinfo.token.claim", "true"))));
        return Http.JSON.writeValueAsString(Map.of("realm", REALM, "enabled", true, "sslRequired", "none",
                "groups", List.of(Map.of("name", "auscult-owners"), Map.of("name", "auscult-helpdesk"), Map.of("name", "sales")),
                "users", List.of(user("olivia", List.of("/auscult-owners")), user("harry", List.of("/auscult-helpdesk", "/sales")),
                        user("nora", List.of("/sales"))),
                "clients", List.of(client)));
    }

    private static ChromeDriver browser() throws Exception {
        return HeadlessChromium.start("1200,1000");
    }

    private static void until(WebDriver b, java.util.function.Predicate<WebDriver> what, String waitingFor) {
        new WebDriverWait(b, Duration.ofSeconds(30)).withMessage(() -> waitingFor + "; at " + b.getCurrentUrl() + "\n" + b.getPageSource())
                .until(what::test);
    }

    private static void shot(ChromeDriver b, String name) throws Exception {
        Files.copy(b.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sign-in through Keycloak: the console's button, Keycloak's form, back to the console (or its refusal). */
    private static ChromeDriver viaKeycloak(String name) throws Exception {
        ChromeDriver b = browser();
        b.get(server.base() + "/console/sign-in");
        b.findElement(By.id("sso")).click();
        until(b, d -> !d.findElements(By.id("kc-login")).isEmpty(), "Keycloak's sign-in form");
        b.findElement(By.id("username")).sendKeys(name);
        b.findElement(By.id("password")).sendKeys(PASSWORD);
        b.findElement(By.id("kc-login")).click();
        until(b, d -> d.getCurrentUrl().startsWith(server.base().toString()) && !d.getCurrentUrl().contains("/sso/callback")
                || !d.findElements(By.id("error")).isEmpty(), "back at the console");
        return b;
    }

    private static HttpResponse<String> postWith(ChromeDriver b, String path, Map<String, String> fields) throws Exception {
        String cookie = "auscult_session=" + b.manage().getCookieNamed("auscult_session").getValue();
        b.get(server.base() + "/console");
        String csrf = b.findElement(By.name("_csrf")).getAttribute("value");
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        return Http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Cookie", cookie).header("Origin", server.base().toString())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(ConsoleSession.form(all))).build());
    }

    private static List<String> audit() {
        return server.services.audit().recent(new Account("acme"), 200).stream().map(e -> e.actor() + " " + e.action() + " " + e.detail()).toList();
    }

    @Test
    void administratorsSignInThroughKeycloakInTheirRoles() throws Exception {
        // the owner sets it up with a password
        ChromeDriver root = browser();
        try {
            root.get(server.base() + "/console/sign-in");
            root.findElement(By.id("username")).sendKeys("root@acme.example");
            root.findElement(By.id("password")).sendKeys(PASSWORD);
            root.findElement(By.id("sign-in")).click();
            until(root, d -> !d.getCurrentUrl().endsWith("/sign-in"), "signed in with a password");
            root.get(server.base() + "/console/sso");
            assertEquals(server.base() + "/console/sso/callback", root.findElement(By.id("callback")).getText());
            root.findElement(By.id("issuer")).sendKeys(keycloak.base() + "/realms/" + REALM);
            root.findElement(By.id("client-id")).sendKeys("auscult-console");
            root.findElement(By.id("client-secret")).sendKeys("console-secret");
            root.findElement(By.id("mappings")).sendKeys("auscult-owners=owner\nauscult-helpdesk=helpdesk\n");
            root.findElement(By.id("owners-only")).click();
            root.findElement(By.cssSelector("#sso button[type=submit]")).click();
            until(root, d -> !d.findElements(By.id("message")).isEmpty() || !d.findElements(By.id("error")).isEmpty(), "saved");
            assertTrue(root.findElements(By.id("error")).isEmpty(), root.getPageSource());
            assertFalse(root.getPageSource().contains("console-secret"), "the secret is never shown again");
            shot(root, "console-sso-light.png");
            root.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            root.navigate().refresh();
            shot(root, "console-sso-dark.png");
        } finally {
            root.quit();
        }

        ChromeDriver olivia = viaKeycloak("olivia");
        try {
            until(olivia, d -> d.getCurrentUrl().endsWith("/console"), "the overview");
            assertTrue(olivia.getPageSource().contains("olivia@acme.example · acme · Owner"), olivia.getPageSource());
            // the owner (signed in through Keycloak) makes an API token for a script: shown once, in a download
            HttpResponse<String> file = postWith(olivia, "/console/api-tokens", Map.of("name", "ticketing", "role", "POLICY_EDITOR", "days", "30"));
            assertEquals(200, file.statusCode(), file.body());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Bearer (ausk_\\S+)").matcher(file.body());
            assertTrue(m.find(), file.body());
            String token = m.group(1);
            olivia.get(server.base() + "/console/api-tokens");
            assertTrue(olivia.findElement(By.id("tokens")).getText().contains("ticketing"));
            assertFalse(olivia.getPageSource().contains(token), "the token is never on a page");
            shot(olivia, "console-api-tokens-light.png");
            olivia.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            olivia.navigate().refresh();
            shot(olivia, "console-api-tokens-dark.png");
            // the script lists failing devices and publishes a policy through /api/v1 with it
            HttpResponse<String> failing = Http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/devices?verdict=FAIL"))
                    .header("Authorization", "Bearer " + token).GET().build());
            assertEquals(200, failing.statusCode(), failing.body());
            HttpResponse<String> published = Http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/policies"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"name: From ticketing\\nfirewall: ALWAYS\\n\"}")).build());
            assertTrue(published.statusCode() == 200 || published.statusCode() == 201, published.body());
        } finally {
            olivia.quit();
        }

        ChromeDriver harry = viaKeycloak("harry");
        try {
            until(harry, d -> d.getCurrentUrl().endsWith("/console"), "the overview");
            assertTrue(harry.getPageSource().contains("harry@acme.example · acme · Helpdesk"), harry.getPageSource());
            harry.get(server.base() + "/console/policy");
            assertTrue(harry.findElements(By.id("publish")).isEmpty(), "no Publish button for the helpdesk");
            HttpResponse<String> publish = postWith(harry, "/console/policy", Map.of("text", "firewall: ALWAYS\n", "group", "", "action", "publish"));
            assertEquals(403, publish.statusCode(), "the helpdesk may not publish");
            HttpResponse<String> resend = postWith(harry, "/console/activations/resend", Map.of("email", "alice@acme.example"));
            assertEquals(200, resend.statusCode(), "but may resend a code");
        } finally {
            harry.quit();
        }

        ChromeDriver nora = viaKeycloak("nora");
        try {
            assertTrue(nora.findElement(By.id("error")).getText().contains("none of your groups"), nora.getPageSource());
            shot(nora, "console-sso-refused.png");
        } finally {
            nora.quit();
        }

        // harry leaves the helpdesk group in Keycloak: his next sign-in is refused
        JsonNode users = Http.JSON.readTree(keycloak.admin(REALM + "/users?username=harry&exact=true", false));
        JsonNode groups = Http.JSON.readTree(keycloak.admin(REALM + "/groups?search=auscult-helpdesk", false));
        keycloak.admin(REALM + "/users/" + users.get(0).path("id").asText() + "/groups/" + groups.get(0).path("id").asText(), true);
        ChromeDriver again = viaKeycloak("harry");
        try {
            assertTrue(again.findElement(By.id("error")).getText().contains("none of your groups"), again.getPageSource());
        } finally {
            again.quit();
        }

        // password sign-in is kept for owners only
        HttpResponse<String> pat = Http.send(HttpRequest.newBuilder(URI.create(server.base() + "/console/sign-in")).header("Origin", server.base().toString())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        ConsoleSession.form(Map.of("username", "pat@acme.example", "password", PASSWORD)))).build());
        assertEquals(401, pat.statusCode());
        assertTrue(pat.body().contains("single sign-on"), pat.body());
        assertEquals(200, ConsoleSession.signIn(server.base(), "root@acme.example", PASSWORD).get("/console").statusCode(), "the owner's password still works");

        List<String> log = audit();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("console:olivia@acme.example (Owner) api.token")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("api:ticketing (Policy editor) policy.publish")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("console:root@acme.example (Owner) sso.settings")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("olivia@acme.example admin.sign-in") && l.contains("as Owner")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("harry@acme.example admin.sign-in") && l.contains("as Helpdesk")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("console:harry@acme.example (Helpdesk) admin.refused") && l.contains("POST /console/policy")),
                "the refused publish, with door and role: " + log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("console:harry@acme.example (Helpdesk) activations.")), "the resend, with door and role: " + log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("harry@acme.example admin.refused") && l.contains("no group mapped")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("nora@acme.example admin.refused") && l.contains("no group mapped")), log.toString());
    }
}

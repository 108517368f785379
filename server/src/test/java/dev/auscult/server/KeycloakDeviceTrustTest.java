package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.auscult.platform.DeepLink;
import dev.auscult.policy.Policy;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Device trust end to end with real components: a relying-party app signs people in through a real Keycloak, which
 * brokers to Auscult Server's device step; Chromium follows every redirect; a real agent home (activated against the
 * server, reporting a recorded Debian 11 device) answers the page's {@code auscult://prove} link. A passing device is
 * admitted; after automatic updates are turned off the next sign-in is denied with the fix on the page; after the fix,
 * "Check again" admits without starting over. Times are written to target/device-trust-latency.txt.
 */
class KeycloakDeviceTrustTest {

    private static final String REALM = "acme";
    private static final Path SHOTS = Path.of(System.getenv().getOrDefault("AUSCULT_SERVER_TEST_TMP", "target"), "screenshots");

    private static RunningServer server;
    private static KeycloakServer keycloak;
    private static Javalin portal;
    private static int portalPort;
    private static Path home;
    private static Policy policy;
    private static final Map<String, String> NONCES = new ConcurrentHashMap<>();
    private static final List<String> latency = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.required("the Keycloak device-trust test");
        home = Files.createTempDirectory("keycloak-device-trust");
        server = RunningServer.start(TestDatabases.all().findFirst().orElseThrow().freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
        String yaml = "automaticUpdates: ALWAYS\n";
        server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml", yaml, Actor.cli("acme", "test"));
        policy = server.services.policies().validate("policy.yaml", yaml);

        keycloak = KeycloakServer.shared();
        int kcPort = keycloak.port;
        portalPort = KeycloakServer.freePort();
        String broker = "http://127.0.0.1:" + kcPort + "/realms/" + REALM + "/broker/auscult/endpoint";
        var client = server.services.signInClients().register(new Account("acme"), "Acme SSO", List.of(broker), Actor.cli("acme", "test"));
        keycloak.createRealm(REALM, realm(client.client().clientId(), client.secret()));
        portal = startPortal(kcPort);
        Files.createDirectories(SHOTS);
    }

    /** The realm: the portal app as a client, Auscult as an OIDC identity provider, Alice linked to her Auscult subject. */
    private static String realm(String clientId, String secret) throws Exception {
        String auscult = server.base() + "/oidc";
        Map<String, Object> idp = Map.of("alias", "auscult", "displayName", "Auscult device check", "providerId", "oidc", "enabled", true,
                "trustEmail", true, "config", Map.ofEntries(Map.entry("issuer", auscult), Map.entry("authorizationUrl", auscult + "/authorize"),
                        Map.entry("tokenUrl", auscult + "/token"), Map.entry("jwksUrl", auscult + "/jwks"), Map.entry("useJwksUrl", "true"),
                        Map.entry("validateSignature", "true"), Map.entry("clientId", clientId), Map.entry("clientSecret", secret),
                        Map.entry("clientAuthMethod", "client_secret_basic"), Map.entry("defaultScope", "openid email"), Map.entry("pkceEnabled", "true"),
                        Map.entry("pkceMethod", "S256"), Map.entry("loginHint", "true"), Map.entry("disableUserInfo", "true"), Map.entry("syncMode", "IMPORT")));
        Map<String, Object> alice = Map.of("username", "alice", "email", "alice@acme.example", "emailVerified", true, "firstName", "Alice",
                "lastName", "Example", "enabled", true, "federatedIdentities", List.of(Map.of("identityProvider", "auscult",
                        "userId", "alice@acme.example", "userName", "alice@acme.example")));
        Map<String, Object> portalClient = Map.of("clientId", "portal", "enabled", true, "publicClient", false, "secret", "portal-secret",
                "redirectUris", List.of("http://127.0.0.1:" + portalPort + "/callback"), "standardFlowEnabled", true, "protocol", "openid-connect");
        return Http.JSON.writeValueAsString(Map.of("realm", REALM, "enabled", true, "sslRequired", "none", "users", List.of(alice),
                "clients", List.of(portalClient), "identityProviders", List.of(idp)));
    }

    /** A small relying party: signs in through Keycloak (sending people straight to the Auscult step) and greets them. */
    private static Javalin startPortal(int kcPort) {
        String kc = "http://127.0.0.1:" + kcPort + "/realms/" + REALM + "/protocol/openid-connect";
        String callback = "http://127.0.0.1:" + portalPort + "/callback";
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/login", ctx -> {
                String state = "s" + System.nanoTime();
                String nonce = "n" + System.nanoTime();
                NONCES.put(state, nonce);
                ctx.redirect(kc + "/auth?client_id=portal&response_type=code&scope=openid%20email&kc_idp_hint=auscult&login_hint=alice%40acme.example"
                        + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&state=" + state + "&nonce=" + nonce);
            });
            c.routes.get("/callback", ctx -> {
                if (ctx.queryParam("error") != null) {
                    ctx.html("<h1 id=refused>Refused: " + ctx.queryParam("error").replaceAll("[^a-z_]", "") + "</h1>");
                    return;
                }
                var res = Http.send(HttpRequest.newBuilder(URI.create(kc + "/token")).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("portal:portal-secret".getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + URLEncoder.encode(ctx.queryParam("code"),
                                StandardCharsets.UTF_8) + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8))).build());
                JsonNode tokens = Http.JSON.readTree(res.body());
                var claims = new IDTokenValidator(new Issuer("http://127.0.0.1:" + kcPort + "/realms/" + REALM), new ClientID("portal"), JWSAlgorithm.RS256,
                        URI.create(kc + "/certs").toURL()).validate(JWTParser.parse(tokens.path("id_token").asText()), new Nonce(NONCES.get(ctx.queryParam("state"))));
                ctx.html("<h1 id=welcome>Welcome " + claims.getStringClaim("email").replaceAll("[^a-z@.]", "") + "</h1>");
            });
        }).start("127.0.0.1", portalPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.stop();
        }
        if (server != null) {
            server.close();
        }
        if (!latency.isEmpty()) {
            Files.writeString(Path.of(System.getenv().getOrDefault("AUSCULT_SERVER_TEST_TMP", "target"), "device-trust-latency.txt"),
                    String.join("\n", latency) + "\n");
        }
    }

    private static ChromeDriver browser() throws Exception {
        return HeadlessChromium.start("1100,1000");
    }

    private static void until(WebDriver b, java.util.function.Predicate<WebDriver> what, String waitingFor) {
        new WebDriverWait(b, Duration.ofSeconds(30)).withMessage(() -> waitingFor + "; at " + b.getCurrentUrl() + "\n" + b.getPageSource())
                .until(what::test);
    }

    private static DeepLink.Prove link(WebDriver b, String id) {
        String href = b.findElement(By.id(id)).getAttribute("href");
        return (DeepLink.Prove) DeepLink.parse(href).orElseThrow(() -> new AssertionError("not an auscult://prove link: " + href));
    }

    private static void shot(ChromeDriver b, String name) throws Exception {
        Files.copy(b.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void signInThroughKeycloakIsAdmittedDeniedWithTheFixAndAdmittedAfterCheckAgain() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, home, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);

        ChromeDriver b = browser();
        try {
            b.get("http://127.0.0.1:" + portalPort + "/login");
            until(b, d -> d.getCurrentUrl().contains("/oidc/signin/"), "Keycloak sends the browser to Auscult's device step");
            shot(b, "device-step-waiting.png");
            DeepLink.Prove prove = link(b, "prove");
            assertTrue(SignInServer.same(prove.server(), server.base()), "the link names the server the agent is activated with");
            long t0 = System.nanoTime();
            assertEquals("ALLOWED", alice.confirm(prove.challenge()).decision());
            until(b, d -> !d.findElements(By.id("welcome")).isEmpty(), "the page goes on by itself, through Keycloak, to the portal");
            latency.add("admitted after the device answered: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals("Welcome alice@acme.example", b.findElement(By.id("welcome")).getText());
        } finally {
            b.quit();
        }

        // automatic updates turned off on the device: the next sign-in is denied, with the fix
        alice.report(policy, false);
        b = browser();
        try {
            b.get("http://127.0.0.1:" + portalPort + "/login");
            until(b, d -> d.getCurrentUrl().contains("/oidc/signin/"), "back at the device step");
            DeepLink.Prove prove = link(b, "prove");
            long t0 = System.nanoTime();
            assertEquals("DENIED", alice.confirm(prove.challenge()).decision());
            until(b, d -> !d.findElements(By.id("denied")).isEmpty(), "the deny page");
            latency.add("deny page shown after the device answered: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertEquals(List.of("automaticUpdates"), b.findElements(By.cssSelector("li.practice")).stream().map(e -> e.getAttribute("data-practice")).toList());
            assertTrue(b.findElement(By.id("practices")).getText().contains("unattended-upgrades"), "the Linux fix is on the page");
            shot(b, "device-step-denied.png");
            // the same page in the person's language and in dark mode (what the screenshots in target/screenshots show)
            String en = b.getCurrentUrl();
            for (String lang : List.of("de", "ja")) {
                b.get(en.replace("lang=en", "lang=" + lang));
                until(b, d -> !d.findElements(By.id("denied")).isEmpty(), "the deny page in " + lang);
                assertEquals(lang, b.findElement(By.tagName("html")).getAttribute("lang"));
                shot(b, "device-step-denied-" + lang + ".png");
            }
            b.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            b.get(en);
            until(b, d -> !d.findElements(By.id("denied")).isEmpty(), "the deny page, dark");
            shot(b, "device-step-denied-dark.png");

            // fixed; "Check again" (the same sign-in's link): the agent rescans, uploads, answers; the page goes on
            alice.report(policy, true);
            DeepLink.Prove again = link(b, "check-again");
            assertEquals(prove.challenge(), again.challenge());
            long t1 = System.nanoTime();
            assertEquals("ALLOWED", alice.confirm(again.challenge()).decision());
            until(b, d -> !d.findElements(By.id("welcome")).isEmpty(), "admitted after Check again, without starting over");
            latency.add("admitted after Check again: " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        } finally {
            b.quit();
        }

        // the console: the decisions, the registered provider
        server.services.admins().create(new Account("acme"), "owner@acme.example", "correct horse battery", dev.auscult.server.service.Role.OWNER, "test");
        b = browser();
        try {
            b.get(server.base() + "/console/sign-in");
            b.findElement(By.id("username")).sendKeys("owner@acme.example");
            b.findElement(By.id("password")).sendKeys("correct horse battery");
            b.findElement(By.id("sign-in")).click();
            until(b, d -> !d.getCurrentUrl().endsWith("/sign-in"), "signed in to the console");
            b.get(server.base() + "/console/device-trust");
            until(b, d -> !d.findElements(By.id("decisions")).isEmpty(), "the decisions");
            assertTrue(b.findElement(By.id("decision-counts")).getText().contains("1 denied"), b.findElement(By.id("decision-counts")).getText());
            shot(b, "console-device-trust-light.png");
            b.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            b.navigate().refresh();
            shot(b, "console-device-trust-dark.png");
        } finally {
            b.quit();
        }
    }

    /** The agent's own rule for a link's server (DeviceConfirmation): same scheme, host and port as its backend. */
    private static final class SignInServer {
        static boolean same(URI link, URI backend) {
            return dev.auscult.sync.SignInConfirmer.sameServer(link, backend);
        }
    }
}

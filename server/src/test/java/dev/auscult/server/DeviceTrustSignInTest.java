package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.auscult.policy.Policy;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.SignInConfirmer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Device trust over real HTTP, as a relying party and a real agent see it: the server's OpenID Connect device step
 * admits a person whose device passes, shows the deny page with the fix when it fails and admits after the fix, warns
 * when the policy says warn — and refuses every bypass tried: someone else's device, a replayed code, an unregistered
 * redirect, a missing or forged proof, a device revoked before the token, another browser, a wrong PKCE verifier,
 * a forged form.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class DeviceTrustSignInTest {

    @Parameter
    TestDatabases.Kind db;

    @TempDir
    Path dir;

    private RunningServer server;
    private String clientId;
    private String secret;
    private static final String CALLBACK = "http://127.0.0.1:9/callback";
    private Policy policy;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\nbob@acme.example,Bob,ops\n", Actor.cli("acme", "test"));
        var made = server.services.signInClients().register(new Account("acme"), "Acme SSO", List.of(CALLBACK), Actor.cli("acme", "test"));
        clientId = made.client().clientId();
        secret = made.secret();
        publish("automaticUpdates: ALWAYS\n");
    }

    private void publish(String yaml) throws Exception {
        server.services.policies().publish(new Account("acme"), Optional.empty(), "policy.yaml", yaml, Actor.cli("acme", "test"));
        policy = server.services.policies().validate("policy.yaml", yaml);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One browser's sign-in: its cookie, the page's address and the challenge the page shows. */
    record Browser(String cookie, URI page, String challenge, CodeVerifier verifier, String state, String nonce) {
    }

    private Browser begin(Optional<String> loginHint) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String state = "st-" + System.nanoTime();
        String nonce = "n-" + System.nanoTime();
        Map<String, String> q = new LinkedHashMap<>(Map.of("client_id", clientId, "redirect_uri", CALLBACK, "response_type", "code", "scope", "openid email",
                "state", state, "nonce", nonce, "code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue(),
                "code_challenge_method", "S256"));
        loginHint.ifPresent(h -> q.put("login_hint", h));
        HttpResponse<String> r = get(server.base().resolve("/oidc/authorize?" + form(q)), Optional.empty());
        assertEquals(302, r.statusCode(), r.body());
        URI page = server.base().resolve(r.headers().firstValue("Location").orElseThrow());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        HttpResponse<String> shown = get(page, Optional.of(cookie.split(";")[0]));
        assertEquals(200, shown.statusCode());
        Matcher m = Pattern.compile("auscult://prove\\?challenge=([A-Za-z0-9_-]+)&amp;server=([^\"]+)\"").matcher(shown.body());
        assertTrue(m.find(), shown.body());
        assertEquals(server.base().toString(), URLDecoder.decode(m.group(2).replace("&amp;", "&"), StandardCharsets.UTF_8).replaceAll("/$", ""));
        return new Browser(cookie.split(";")[0], page, m.group(1), verifier, state, nonce);
    }

    private static HttpResponse<String> get(URI uri, Optional<String> cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept-Language", "en");
        cookie.ifPresent(c -> b.header("Cookie", c));
        return Http.send(b.build());
    }

    private static String form(Map<String, String> q) {
        return String.join("&", q.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }

    /** The page after the device answered: a redirect back with the code, or the page itself. */
    private HttpResponse<String> look(Browser b) throws Exception {
        return get(b.page(), Optional.of(b.cookie()));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            m.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }

    private HttpResponse<String> token(String code, String verifier) throws Exception {
        return Http.send(HttpRequest.newBuilder(server.base().resolve("/oidc/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                        "code_verifier", verifier)))).build());
    }

    private IDTokenClaimsSet validated(String idToken, String nonce) throws Exception {
        URI iss = server.base().resolve("/oidc");
        JsonNode discovery = Http.json(get(server.base().resolve("/oidc/.well-known/openid-configuration"), Optional.empty()));
        assertEquals(iss.toString(), discovery.path("issuer").asText());
        IDTokenValidator v = new IDTokenValidator(new Issuer(iss), new ClientID(clientId), JWSAlgorithm.RS256,
                URI.create(discovery.path("jwks_uri").asText()).toURL());
        JWT jwt = JWTParser.parse(idToken);
        return v.validate(jwt, new Nonce(nonce));
    }

    private String codeFrom(HttpResponse<String> r, Browser b) {
        assertEquals(302, r.statusCode(), r.body());
        URI back = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertTrue(back.toString().startsWith(CALLBACK + "?"), back.toString());
        Map<String, String> q = query(back);
        assertEquals(b.state(), q.get("state"), "state comes back exactly");
        return q.get("code");
    }

    @Test
    void aPassingDeviceIsAdmittedAFailingOneIsShownTheFixAndAdmittedAfterIt() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        Browser b = begin(Optional.of("alice@acme.example"));
        assertEquals(200, look(b).statusCode(), "waiting for the device, the page shows itself");
        SignInConfirmer.Confirmation c = alice.confirm(b.challenge());
        assertEquals("ALLOWED", c.decision());
        assertEquals("Acme SSO", c.site());
        String code = codeFrom(look(b), b);
        HttpResponse<String> t = token(code, b.verifier().getValue());
        assertEquals(200, t.statusCode(), t.body());
        IDTokenClaimsSet claims = validated(Http.json(t).path("id_token").asText(), b.nonce());
        assertEquals("alice@acme.example", claims.getSubject().getValue());
        assertEquals(alice.record().deviceId(), claims.getStringClaim("device_id"));
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("compliant"));
        HttpResponse<String> info = Http.send(HttpRequest.newBuilder(server.base().resolve("/oidc/userinfo"))
                .header("Authorization", "Bearer " + Http.json(t).path("access_token").asText()).build());
        assertEquals("alice@acme.example", Http.json(info).path("email").asText());

        // automatic updates turned off: the next sign-in is denied, with the fix on the page
        alice.report(policy, false);
        Browser again = begin(Optional.of("alice@acme.example"));
        SignInConfirmer.Confirmation denied = alice.confirm(again.challenge());
        assertEquals("DENIED", denied.decision());
        assertEquals(List.of("automaticUpdates"), denied.practices());
        HttpResponse<String> page = look(again);
        assertEquals(200, page.statusCode(), "no code for a failing device");
        assertTrue(page.body().contains("id=\"denied\"") && page.body().contains("data-practice=\"automaticUpdates\""), page.body());
        assertTrue(page.body().contains("Blocks sign-in") && page.body().contains("unattended-upgrades"), "the Linux fix is on the page: " + page.body());
        assertTrue(page.body().contains("id=\"check-again\" href=\"auscult://prove?challenge=" + again.challenge()), "Check again answers the same sign-in");

        // fixed, "Check again": the agent scans, uploads and answers again; the page goes on by itself
        alice.report(policy, true);
        assertEquals("ALLOWED", alice.confirm(again.challenge()).decision());
        String code2 = codeFrom(look(again), again);
        assertEquals(200, token(code2, again.verifier().getValue()).statusCode());
        List<String> decided = server.services.signIns().decisions(new Account("acme"), Optional.empty(), 10).stream().map(d -> d.decision().name()).toList();
        assertEquals(List.of("ALLOWED", "DENIED", "ALLOWED"), decided, "the console lists each answer, the denial before the fix too; the last one first");
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.action().equals("signin.denied")));
    }

    @Test
    void aWarningLetsThePersonGoOnAfterSeeingIt() throws Exception {
        publish("automaticUpdates: ALWAYS\nauscult:\n  signIn:\n    automaticUpdates: warn\n");
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, false);
        Browser b = begin(Optional.empty());
        assertEquals("WARNED", alice.confirm(b.challenge()).decision());
        HttpResponse<String> page = look(b);
        assertEquals(200, page.statusCode(), "a warning is shown before going on");
        assertTrue(page.body().contains("id=\"warned\"") && page.body().contains("Fix soon"), page.body());
        String csrf = csrfOf(page.body());
        String action = b.page().getPath() + "/continue";
        HttpResponse<String> forged = post(action, b.cookie(), Map.of("c", b.challenge(), "csrf", "0".repeat(64)));
        assertEquals(403, forged.statusCode(), "a form without this page's token does nothing");
        HttpResponse<String> noCookie = post(action, "x=y", Map.of("c", b.challenge(), "csrf", csrf));
        assertEquals(403, noCookie.statusCode(), "another browser cannot continue it");
        HttpResponse<String> onward = post(action, b.cookie(), Map.of("c", b.challenge(), "csrf", csrf));
        String code = codeFrom(onward, b);
        HttpResponse<String> t = token(code, b.verifier().getValue());
        IDTokenClaimsSet claims = validated(Http.json(t).path("id_token").asText(), b.nonce());
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("compliant"), "a warning is still compliant");
        assertEquals(List.of("automaticUpdates"), claims.getStringListClaim("failing_practices"));
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> fields) throws Exception {
        return Http.send(HttpRequest.newBuilder(server.base().resolve(path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    @Test
    void someoneElsesCompliantDeviceDoesNotAdmit() throws Exception {
        TrustedDevice bob = TrustedDevice.activate(server, dir, "bob-laptop", "acme", "bob@acme.example");
        bob.report(policy, true);
        Browser b = begin(Optional.of("alice@acme.example"));
        SignInConfirmer.Confirmation c = bob.confirm(b.challenge());
        assertEquals("DENIED", c.decision());
        HttpResponse<String> page = look(b);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("belongs to another person"), page.body());
    }

    @Test
    void aCodeWorksOnceForItsClientRedirectAndVerifierOnly() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        Browser b = begin(Optional.empty());
        alice.confirm(b.challenge());
        String code = codeFrom(look(b), b);
        assertEquals("invalid_grant", Http.json(token(code, new CodeVerifier().getValue())).path("error").asText(), "a wrong PKCE verifier");
        HttpResponse<String> first = token(code, b.verifier().getValue());
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> replay = token(code, b.verifier().getValue());
        assertEquals("invalid_grant", Http.json(replay).path("error").asText(), "a replayed code");
        HttpResponse<String> info = Http.send(HttpRequest.newBuilder(server.base().resolve("/oidc/userinfo"))
                .header("Authorization", "Bearer " + Http.json(first).path("access_token").asText()).build());
        assertEquals(401, info.statusCode(), "the token a replayed code gave is revoked");
        assertEquals(200, look(b).statusCode(), "the page gives no second code");

        HttpResponse<String> badSecret = Http.send(HttpRequest.newBuilder(server.base().resolve("/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK, "client_id", clientId, "client_secret", "wrong"))))
                .build());
        assertEquals(401, badSecret.statusCode());
        assertEquals("invalid_client", Http.json(badSecret).path("error").asText());
    }

    @Test
    void anUnregisteredRedirectIsNeverFollowed() throws Exception {
        for (String redirect : List.of("https://evil.example/callback", CALLBACK + "/../x", CALLBACK + "?extra=1")) {
            HttpResponse<String> r = get(server.base().resolve("/oidc/authorize?" + form(Map.of("client_id", clientId, "redirect_uri", redirect,
                    "response_type", "code", "scope", "openid"))), Optional.empty());
            assertEquals(400, r.statusCode(), redirect);
            assertTrue(r.headers().firstValue("Location").isEmpty(), "nothing is sent to " + redirect);
        }
        HttpResponse<String> unknown = get(server.base().resolve("/oidc/authorize?" + form(Map.of("client_id", "nobody", "redirect_uri", CALLBACK,
                "response_type", "code", "scope", "openid"))), Optional.empty());
        assertEquals(400, unknown.statusCode());
        HttpResponse<String> implicit = get(server.base().resolve("/oidc/authorize?" + form(Map.of("client_id", clientId, "redirect_uri", CALLBACK,
                "response_type", "token", "scope", "openid", "state", "s1"))), Optional.empty());
        assertEquals(302, implicit.statusCode());
        assertTrue(implicit.headers().firstValue("Location").orElseThrow().contains("error=unsupported_response_type"));
        assertTrue(implicit.headers().firstValue("Location").orElseThrow().endsWith("state=s1"));
    }

    @Test
    void onlyTheDevicesOwnKeyCanAnswerAndOnlyTheBrowserThatAskedSeesIt() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        Browser b = begin(Optional.empty());
        assertEquals(400, get(b.page(), Optional.empty()).statusCode(), "another browser (no cookie) cannot see or continue it");
        assertEquals(400, get(b.page(), Optional.of(b.cookie().replaceAll("=.*", "=forged"))).statusCode());

        // the token alone, without the device key's proof: refused
        String token = alice.credentials().load("acme").orElseThrow().value();
        HttpResponse<String> unsigned = Http.graphql(server.graphql(), "mutation C($input: ConfirmSignInInput!) { confirmSignIn(input: $input) { decision } }",
                Map.of("input", Map.of("deviceId", alice.record().deviceId(), "challenge", b.challenge())),
                Map.of("Authorization", "Bearer " + token, "JupiterOne-Account", "acme"));
        assertEquals("UNAUTHENTICATED", Http.json(unsigned).at("/errors/0/extensions/code").asText(), unsigned.body());
        // a challenge the server never made
        BackendException forged = assertThrows(BackendException.class, () -> alice.confirm("x".repeat(43)));
        assertEquals(BackendException.Kind.REJECTED, forged.kind());
        // another device may not take over a sign-in one device has answered
        alice.confirm(b.challenge());
        TrustedDevice bob = TrustedDevice.activate(server, dir, "bob-laptop", "acme", "bob@acme.example");
        bob.report(policy, true);
        assertEquals(BackendException.Kind.UNAUTHORIZED, assertThrows(BackendException.class, () -> bob.confirm(b.challenge())).kind());
        assertTrue(server.services.audit().recent(new Account("acme"), 50).stream().anyMatch(e -> e.action().equals("signin.refused")));
    }

    @Test
    void aDeviceRevokedBetweenItsAnswerAndTheTokenGetsNoToken() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        Browser b = begin(Optional.empty());
        alice.confirm(b.challenge());
        String code = codeFrom(look(b), b);
        server.services.devices().revoke(new Account("acme"), alice.record().deviceId(), Actor.cli("acme", "admin@acme.example"));
        HttpResponse<String> t = token(code, b.verifier().getValue());
        assertEquals(400, t.statusCode());
        assertEquals("invalid_grant", Http.json(t).path("error").asText());
        assertFalse(t.body().contains("id_token"));
    }

    @Test
    void aDeviceWithoutAFreshReportIsNotCompliant() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        Browser b = begin(Optional.empty());
        SignInConfirmer.Confirmation c = alice.confirm(b.challenge());
        assertEquals("DENIED", c.decision(), "no report yet: never a pass");
        assertEquals(List.of("noReport"), c.practices());
        assertTrue(look(b).body().contains("has not sent a report yet"));
    }

    @Test
    void theConsoleRegistersClientsForOwnersAndShowsEveryDecision() throws Exception {
        var admins = server.services.admins();
        admins.create(new Account("acme"), "owner@acme.example", "correct horse battery", dev.auscult.server.service.Role.OWNER, "test");
        admins.create(new Account("acme"), "help@acme.example", "correct horse battery", dev.auscult.server.service.Role.HELPDESK, "test");
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, false);
        alice.confirm(begin(Optional.empty()).challenge());

        ConsoleSession owner = ConsoleSession.signIn(server.base(), "owner@acme.example", "correct horse battery");
        HttpResponse<String> made = owner.post("/console/device-trust/clients", Map.of("name", "Okta <prod>",
                "redirects", "https://acme.okta.com/oauth2/v1/authorize/callback\n"));
        assertEquals(200, made.statusCode(), made.body());
        assertTrue(made.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"), "the secret only in a download");
        Matcher secretLine = Pattern.compile("Client ID: (\\S+)\nClient secret: (\\S+)").matcher(made.body());
        assertTrue(secretLine.find(), made.body());
        assertTrue(server.services.signInClients().authenticate(secretLine.group(1), secretLine.group(2)).isPresent(), "the downloaded secret works");

        HttpResponse<String> page = owner.get("/console/device-trust");
        assertTrue(page.body().contains("Okta &lt;prod&gt;"), "names are escaped");
        assertFalse(page.body().contains(secretLine.group(2)), "the secret is never on a page");
        assertTrue(page.body().contains("1 denied") && page.body().contains("automaticUpdates (block)"), page.body());
        assertTrue(owner.get("/console").body().replaceAll("\\s+", " ").contains("<span class=\"big\">1</span><span>sign-ins denied in 7 days</span>"),
                "the overview links the denials");
        HttpResponse<String> devicePage = owner.get("/console/devices/" + alice.record().deviceId());
        assertTrue(devicePage.body().contains("id=\"last-signin\"><span class=\"verdict FAIL\">denied</span>"), devicePage.body());

        ConsoleSession help = ConsoleSession.signIn(server.base(), "help@acme.example", "correct horse battery");
        assertEquals(200, help.get("/console/device-trust").statusCode(), "everyone may read the decisions");
        assertEquals(403, help.post("/console/device-trust/clients", Map.of("name", "x", "redirects", "https://x.example/cb")).statusCode(),
                "only an owner registers a client");
        HttpResponse<String> bad = owner.post("/console/device-trust/clients", Map.of("name", "Plain", "redirects", "http://sso.acme.example/cb"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("must be https://"), bad.body());
    }

    @Test
    void thePolicyPreviewSaysWhoWouldBeBlockedAtSignInAndWhen() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        TrustedDevice bob = TrustedDevice.activate(server, dir, "bob-laptop", "acme", "bob@acme.example");
        alice.report(policy, false);
        bob.report(policy, true);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

        var strict = server.services.preview().of(new Account("acme"), policy, today).signIn();
        assertEquals(1, strict.blocked());
        assertEquals(1, strict.allowed());
        assertEquals(Map.of("automaticUpdates", 1), strict.blockingPractices());
        assertTrue(strict.blockedDevices().getFirst().contains("alice@acme.example"), strict.blockedDevices().toString());

        Policy warnOnly = server.services.policies().validate("draft", "automaticUpdates: ALWAYS\nauscult:\n  signIn:\n    automaticUpdates: warn\n");
        var mild = server.services.preview().of(new Account("acme"), warnOnly, today).signIn();
        assertEquals(0, mild.blocked());
        assertEquals(1, mild.warned());

        // in three days, with no report in between, both are past the 24 h "not seen" window
        var later = server.services.preview().of(new Account("acme"), warnOnly, today.plusDays(3)).signIn();
        assertEquals(2, later.blocked());
        assertEquals(2, later.notSeen());

        server.services.admins().create(new Account("acme"), "editor@acme.example", "correct horse battery", dev.auscult.server.service.Role.POLICY_EDITOR, "test");
        ConsoleSession editor = ConsoleSession.signIn(server.base(), "editor@acme.example", "correct horse battery");
        HttpResponse<String> checked = editor.post("/console/policy", Map.of("text", "automaticUpdates: ALWAYS\n", "group", "", "action", "check",
                "on", today.toString()));
        assertTrue(checked.body().contains("1 blocked") && checked.body().contains("<code>automaticUpdates</code> on 1"), checked.body());
    }

    @Test
    void anExceptionLetsOnePersonInForAWhileAndIsRecorded() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, false);
        server.services.admins().create(new Account("acme"), "help@acme.example", "correct horse battery", dev.auscult.server.service.Role.HELPDESK, "test");
        ConsoleSession help = ConsoleSession.signIn(server.base(), "help@acme.example", "correct horse battery");
        HttpResponse<String> forBob = help.post("/console/device-trust/exceptions", Map.of("person", "bob@acme.example", "practice", "automaticUpdates",
                "days", "3", "reason", "travelling"));
        assertEquals(200, forBob.statusCode(), forBob.body());
        assertEquals("DENIED", alice.confirm(begin(Optional.empty()).challenge()).decision(), "bob's exception does not help alice");

        HttpResponse<String> tooLong = help.post("/console/device-trust/exceptions", Map.of("person", "alice@acme.example", "practice", "automaticUpdates",
                "days", "90", "reason", "forever"));
        assertEquals(422, tooLong.statusCode(), "never open-ended");
        HttpResponse<String> granted = help.post("/console/device-trust/exceptions", Map.of("person", "alice@acme.example", "practice", "automaticUpdates",
                "days", "3", "reason", "update after the board meeting"));
        assertTrue(granted.body().contains("in force"), granted.body());
        Browser b = begin(Optional.empty());
        assertEquals("ALLOWED", alice.confirm(b.challenge()).decision(), "excused for three days");
        var decided = server.services.signIns().decisions(new Account("acme"), Optional.empty(), 1).getFirst();
        assertTrue(decided.findings().getFirst().reason().contains("excused by exception"), decided.toString());
        assertEquals("report", decided.findings().getFirst().mode());

        long id = server.services.signInExceptions().list(new Account("acme")).stream().filter(g -> g.person().orElse("").equals("alice@acme.example")).findFirst()
                .orElseThrow().id();
        assertEquals(200, help.post("/console/device-trust/exceptions/revoke", Map.of("id", String.valueOf(id))).statusCode());
        assertEquals("DENIED", alice.confirm(begin(Optional.empty()).challenge()).decision(), "revoked: it counts again");
        assertEquals(3, server.services.audit().recent(new Account("acme"), 50).stream().filter(e -> e.action().equals("signin.exception")).count(),
                "granted twice and revoked once, each audited");
    }

    @Test
    void aBlockedPersonMaySnoozeAsOftenAsThePolicySaysAndNoMore() throws Exception {
        publish("automaticUpdates: ALWAYS\nauscult:\n  signIn:\n    snoozesPerWeek: 1\n");
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, false);
        Browser b = begin(Optional.of("alice@acme.example"));
        assertEquals("DENIED", alice.confirm(b.challenge()).decision());
        HttpResponse<String> page = look(b);
        assertTrue(page.body().contains("id=\"snooze\"") && page.body().contains("1 snooze left this week"), page.body());
        String csrf = csrfOf(page.body());
        assertEquals(403, post(b.page().getPath() + "/snooze", b.cookie(), Map.of("c", b.challenge(), "csrf", "0".repeat(64))).statusCode());
        String code = codeFrom(post(b.page().getPath() + "/snooze", b.cookie(), Map.of("c", b.challenge(), "csrf", csrf)), b);
        IDTokenClaimsSet claims = validated(Http.json(token(code, b.verifier().getValue())).path("id_token").asText(), b.nonce());
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("snoozed"));
        assertEquals(List.of("automaticUpdates"), claims.getStringListClaim("failing_practices"));
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().anyMatch(e -> e.action().equals("signin.snoozed")));

        Browser again = begin(Optional.of("alice@acme.example"));
        assertEquals("DENIED", alice.confirm(again.challenge()).decision());
        HttpResponse<String> noMore = look(again);
        assertFalse(noMore.body().contains("id=\"snooze\""), "the week's one snooze is used");
        HttpResponse<String> handMade = post(again.page().getPath() + "/snooze", again.cookie(), Map.of("c", again.challenge(), "csrf", csrfOf(noMore.body())));
        assertFalse(handMade.headers().firstValue("Location").orElse("").startsWith(CALLBACK), "a hand-made snooze gets no code");
    }

    private static String csrfOf(String body) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    /** An id_token_hint as Entra ID sends one: its own subject, object and tenant IDs and the person's UPN (signed by a key we make). */
    private static String entraHint(String upn) throws Exception {
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("entra").generate();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.RS256).keyID("entra").build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("https://login.microsoftonline.com/tenant-1/v2.0").subject("entra-sub-" + upn.hashCode())
                        .claim("oid", "00000000-0000-0000-0000-00000000a11c").claim("tid", "tenant-1").claim("preferred_username", upn).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void anEntraStyleFormPostAnswersWithTheHintsSubjectAndTheAssuranceAsked() throws Exception {
        TrustedDevice alice = TrustedDevice.activate(server, dir, "alice-laptop", "acme", "alice@acme.example");
        alice.report(policy, true);
        String hint = entraHint("alice@acme.example");
        Map<String, String> q = new LinkedHashMap<>(Map.of("client_id", clientId, "redirect_uri", CALLBACK, "response_type", "id_token",
                "response_mode", "form_post", "scope", "openid", "state", "entra-state", "nonce", "entra-nonce", "id_token_hint", hint));
        HttpResponse<String> noNonce = get(server.base().resolve("/oidc/authorize?" + form(Map.of("client_id", clientId, "redirect_uri", CALLBACK,
                "response_type", "id_token", "response_mode", "form_post", "scope", "openid"))), Optional.empty());
        assertEquals(400, noNonce.statusCode(), "an ID token only by form_post and bound to a nonce");
        HttpResponse<String> r = get(server.base().resolve("/oidc/authorize?" + form(q)), Optional.empty());
        assertEquals(302, r.statusCode(), r.body());
        URI page = server.base().resolve(r.headers().firstValue("Location").orElseThrow());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = Pattern.compile("challenge=([A-Za-z0-9_-]+)&amp;").matcher(get(page, Optional.of(cookie)).body());
        assertTrue(m.find());
        assertEquals("ALLOWED", alice.confirm(m.group(1)).decision());
        HttpResponse<String> posted = get(page, Optional.of(cookie));
        assertEquals(200, posted.statusCode(), "a form to post, not a redirect: the token never travels in a URL");
        assertTrue(posted.body().contains("action=\"" + CALLBACK + "\"") && posted.headers().firstValue("Content-Security-Policy").orElseThrow()
                .contains("form-action http://127.0.0.1:9"), posted.body());
        Matcher token = Pattern.compile("name=\"id_token\" value=\"([^\"]+)\"").matcher(posted.body());
        assertTrue(token.find());
        assertTrue(posted.body().contains("name=\"state\" value=\"entra-state\""));
        IDTokenClaimsSet claims = validated(token.group(1), "entra-nonce");
        assertEquals("entra-sub-" + "alice@acme.example".hashCode(), claims.getSubject().getValue(), "Entra's own subject, from its hint");
        assertEquals("possessionorinherence", claims.getStringClaim("acr"));
        assertEquals(List.of("swk"), claims.getStringListClaim("amr"));
        assertEquals("tenant-1", claims.getStringClaim("tid"));
        assertEquals(200, get(page, Optional.of(cookie)).statusCode());
        assertFalse(get(page, Optional.of(cookie)).body().contains("name=\"id_token\""), "posted once");

        // the hint names alice; bob's compliant device does not admit her
        TrustedDevice bob = TrustedDevice.activate(server, dir, "bob-laptop", "acme", "bob@acme.example");
        bob.report(policy, true);
        HttpResponse<String> r2 = get(server.base().resolve("/oidc/authorize?" + form(q)), Optional.empty());
        URI page2 = server.base().resolve(r2.headers().firstValue("Location").orElseThrow());
        String cookie2 = r2.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m2 = Pattern.compile("challenge=([A-Za-z0-9_-]+)&amp;").matcher(get(page2, Optional.of(cookie2)).body());
        assertTrue(m2.find());
        assertEquals("DENIED", bob.confirm(m2.group(1)).decision());
    }
}

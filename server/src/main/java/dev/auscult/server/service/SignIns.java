package dev.auscult.server.service;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Device;
import dev.auscult.server.store.SignIn;
import dev.auscult.server.store.SignInDecision;
import dev.auscult.server.store.Tx;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sign-in through Auscult's device step (OpenID Connect, authorization code flow): a relying party sends the
 * browser here; the page hands the device a challenge through the {@code auscult://prove} link; the agent answers it
 * with a request signed by its device key, after a fresh scan; the device's standing decides; the browser goes back
 * with a one-time code the relying party exchanges for an ID token naming the person and the device's posture.
 *
 * <p>Bound three ways: the sign-in to the browser that started it (a cookie whose hash is kept), the answer to the
 * device's key (the agent API's proof), and the person to the relying party's {@code login_hint} when it sends one —
 * a compliant device of someone else never admits you.
 */
public final class SignIns {

    /** What the relying party asked for (the authorization request's parameters, as sent). */
    public record Request(String clientId, String redirectUri, String responseType, String scope, Optional<String> state, Optional<String> nonce,
                          Optional<String> codeChallenge, Optional<String> codeChallengeMethod, Optional<String> loginHint,
                          Optional<String> responseMode, Optional<String> idTokenHint) {

        public Request(String clientId, String redirectUri, String responseType, String scope, Optional<String> state, Optional<String> nonce,
                       Optional<String> codeChallenge, Optional<String> codeChallengeMethod, Optional<String> loginHint) {
            this(clientId, redirectUri, responseType, scope, state, nonce, codeChallenge, codeChallengeMethod, loginHint, Optional.empty(), Optional.empty());
        }
    }

    /** Where the browser goes on to: a redirect with a code, or (form_post) a form it posts to the relying party. */
    public sealed interface Onward {
        record Redirect(URI to) implements Onward {
        }

        /** The fields (id_token, state) the page posts to {@code action} — a click, as the console's pages run no script. */
        record FormPost(URI action, Map<String, String> fields) implements Onward {
            @Override
            public String toString() {
                return "FormPost[" + action + ", fields redacted]";
            }
        }
    }

    /** The subject a relying party named in its id_token_hint (Entra: sub, oid, tid, and the person's UPN or e-mail). */
    record Hint(String sub, Optional<String> oid, Optional<String> tid, Optional<String> person) {
        static Optional<Hint> of(Optional<String> idTokenHint) {
            return idTokenHint.flatMap(t -> {
                try {
                    JWTClaimsSet c = com.nimbusds.jwt.JWTParser.parse(t).getJWTClaimsSet();
                    Optional<String> person = java.util.stream.Stream.of("preferred_username", "upn", "email")
                            .map(k -> { try { return c.getStringClaim(k); } catch (java.text.ParseException e) { return null; } })
                            .filter(v -> v != null && v.contains("@")).findFirst();
                    return Optional.ofNullable(c.getSubject()).filter(sub -> sub.length() <= 200).map(sub -> new Hint(sub,
                            Optional.ofNullable((String) c.getClaim("oid")).filter(v -> v.length() <= 64),
                            Optional.ofNullable((String) c.getClaim("tid")).filter(v -> v.length() <= 64), person));
                } catch (java.text.ParseException | ClassCastException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** What {@link #begin} did with a request. */
    public sealed interface Begun {
        /** Not to be sent back anywhere: the client or its redirect URI is unknown (RFC 6749 §4.1.2.1). Shown to the person. */
        record Refused(String why) implements Begun {
        }

        /** A valid redirect, with an OAuth error for the relying party. */
        record Redirect(URI to) implements Begun {
        }

        /** Waiting for the device: the page shows the link with the challenge; the browser keeps the cookie. */
        record Waiting(String id, String browserSecret, String challenge, String clientName) implements Begun {
            @Override
            public String toString() {
                return "Waiting[" + id + ", secrets redacted]";
            }
        }
    }

    /** Where a sign-in stands, for its page. */
    public record View(String id, Account account, String clientName, String redirectUri, String challenge, Instant expiresAt,
                       Optional<String> deviceId, Optional<DeviceStanding.Decision> decision, List<Finding> findings, boolean expired,
                       Optional<String> loginHint) {
    }

    /** A practice in the decision, as kept: its key, mode, verdict, due date and the report's reason. */
    public record Finding(String practice, String mode, String verdict, Optional<String> dueBy, String reason) {
    }

    /** What the agent is told after answering a challenge: the site, the decision and the practices that decided. */
    public record Confirmation(String site, DeviceStanding.Decision decision, List<String> practices) {
    }

    /** The token response (RFC 6749 §5.1 plus the ID token). */
    public record Tokens(String idToken, String accessToken, long expiresIn) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    /** A refused token request, in RFC 6749 §5.2's words. */
    public static final class TokenError extends RuntimeException {
        private final String error;

        public TokenError(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final String OTHER_PERSON = "otherPerson";

    private final Tx tx;
    private final SignInClients clients;
    private final SigningKeys keys;
    private final Devices devices;
    private final DeviceStanding standing;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public SignIns(Tx tx, SignInClients clients, SigningKeys keys, Devices devices, DeviceStanding standing, Secrets secrets, Audit audit, Clock clock) {
        this.tx = tx;
        this.clients = clients;
        this.keys = keys;
        this.devices = devices;
        this.standing = standing;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public SigningKeys keys() {
        return keys;
    }

    public Begun begin(Request r) {
        Optional<dev.auscult.server.store.SignInClient> client = clients.find(r.clientId()).filter(c -> c.revokedAt().isEmpty());
        if (client.isEmpty()) {
            return new Begun.Refused("the application that sent you here is not registered with this Auscult server (unknown client_id)");
        }
        if (!client.get().allows(r.redirectUri())) {
            return new Begun.Refused("the application asked to send you back to an address it has not registered (redirect_uri)");
        }
        boolean formPost = "id_token".equals(r.responseType());
        if (formPost && (!"form_post".equals(r.responseMode().orElse("")) || r.nonce().isEmpty())) {
            // an ID token is only ever posted back (never in a URL), and only bound to a nonce
            return new Begun.Refused("an ID token is answered with response_mode=form_post and a nonce only");
        }
        if (!formPost && !"code".equals(r.responseType())) {
            return new Begun.Redirect(error(r.redirectUri(), "unsupported_response_type", "response_type=code, or id_token with form_post", r.state()));
        }
        if (r.scope() == null || !List.of(r.scope().split(" ")).contains("openid")) {
            return new Begun.Redirect(error(r.redirectUri(), "invalid_scope", "the scope must include openid", r.state()));
        }
        if (r.codeChallenge().isPresent() && !"S256".equals(r.codeChallengeMethod().orElse(""))) {
            return new Begun.Redirect(error(r.redirectUri(), "invalid_request", "PKCE must use code_challenge_method=S256", r.state()));
        }
        if (r.codeChallenge().isPresent() && !r.codeChallenge().get().matches("[A-Za-z0-9_-]{43}")) {
            return new Begun.Redirect(error(r.redirectUri(), "invalid_request", "code_challenge is not an S256 challenge", r.state()));
        }
        if (r.state().map(String::length).orElse(0) > 500 || r.nonce().map(String::length).orElse(0) > 500) {
            return new Begun.Redirect(error(r.redirectUri(), "invalid_request", "state and nonce are at most 500 characters", Optional.empty()));
        }
        String id = secrets.id("si-");
        String browser = secrets.token("");
        String challenge = secrets.token("");
        Instant now = clock.instant();
        Optional<Hint> idHint = Hint.of(r.idTokenHint());
        Optional<String> hint = r.loginHint().or(() -> idHint.flatMap(Hint::person)).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty() && h.length() <= 320);
        SignIn begun = SignIn.begun(id, client.get().account(), r.clientId(), r.redirectUri(), r.state(), r.nonce(), r.codeChallenge(),
                hint, Secrets.sha256(browser), Secrets.sha256(challenge), now, now.plus(LIFETIME), formPost ? "id_token" : "code",
                idHint.map(Hint::sub), idHint.flatMap(Hint::oid), idHint.flatMap(Hint::tid));
        tx.use(stores -> stores.signIns().add(begun));
        return new Begun.Waiting(id, browser, challenge, client.get().name());
    }

    /**
     * The sign-in as its page shows it, for the browser that started it only. The challenge is not kept in clear, so
     * the page carries it back ({@code challenge}) and it is checked against the hash.
     */
    public Optional<View> view(String id, String browserSecret, String challenge) {
        return row(id).filter(r -> same(r.browserHash(), Secrets.sha256(browserSecret)) && same(r.challengeHash(), Secrets.sha256(challenge)))
                .map(r -> new View(id, r.account(), clientName(r.clientId()), r.redirectUri(), challenge, r.expiresAt(), r.deviceId(),
                        r.decision().map(DeviceStanding.Decision::valueOf), findings(r.practices().orElse(null)), clock.instant().isAfter(r.expiresAt()),
                        r.loginHint()));
    }

    /**
     * The device answers a challenge (its request already proven by its key). Decides now, from its latest report — the
     * agent uploads a fresh one just before — and keeps the decision for the page. A device may answer again ("Check
     * again" after a fix); another device may not take over a sign-in one has answered.
     */
    public Confirmation confirm(Devices.Caller caller, String challenge) {
        if (challenge == null || challenge.length() > 100) {
            throw new ApiError(ApiError.Code.BAD_REQUEST, "challenge is not one this server made");
        }
        Device device = devices.find(caller.account(), caller.deviceId()).filter(d -> d.revokedAt().isEmpty())
                .orElseThrow(() -> new ApiError(ApiError.Code.UNAUTHENTICATED, "this device is revoked"));
        if (device.keyThumbprint().isEmpty()) {
            throw new ApiError(ApiError.Code.FORBIDDEN, "this device has no device key, so it cannot confirm a sign-in: update Auscult and activate again");
        }
        SignIn row = tx.read(stores -> stores.signIns().byChallengeHashAcrossAccounts(Secrets.sha256(challenge)))
                .orElseThrow(() -> new ApiError(ApiError.Code.BAD_REQUEST, "this sign-in is unknown to the server (the link is not one it made)"));
        String id = row.id();
        if (!caller.account().equals(row.account())) {
            refuse(caller, id, "the sign-in belongs to another organisation");
        }
        if (clock.instant().isAfter(row.expiresAt()) || row.codeHash().isPresent()) {
            refuse(caller, id, "the sign-in is over (expired or already completed): start it again in the browser");
        }
        if (row.deviceId().isPresent() && !caller.deviceId().equals(row.deviceId().get())) {
            refuse(caller, id, "another device has already answered this sign-in");
        }
        String site = clientName(row.clientId());
        Optional<String> hint = row.loginHint();
        DeviceStanding.Standing s;
        List<Finding> findings;
        if (hint.isPresent() && !hint.get().equalsIgnoreCase(device.ownerEmail())) {
            s = new DeviceStanding.Standing(DeviceStanding.Decision.DENIED, List.of(), Optional.empty());
            findings = List.of(new Finding(OTHER_PERSON, "block", "FAIL", Optional.empty(), "this device belongs to another person"));
        } else {
            s = standing.of(device);
            findings = s.findings().stream().map(f -> new Finding(f.practice(), f.mode().key(), f.verdict(), f.dueBy(), f.reason())).toList();
        }
        Instant now = clock.instant();
        tx.use(stores -> {
            stores.signIns().answer(row.account(), id, device.id(), device.ownerEmail(), now, s.decision().name(), encode(findings));
            audit.record(Optional.of(device.accountId()), device.ownerEmail(), "signin." + s.decision().name().toLowerCase(Locale.ROOT),
                    "sign-in at " + site + " from device " + device.id() + ": " + s.decision().name().toLowerCase(Locale.ROOT)
                            + (findings.isEmpty() ? "" : " (" + String.join(", ", findings.stream().map(f -> f.practice() + " " + f.mode()).toList()) + ")"));
        });
        List<String> deciding = findings.stream().filter(f -> f.mode().equals(s.decision() == DeviceStanding.Decision.DENIED ? "block" : "warn"))
                .map(Finding::practice).toList();
        return new Confirmation(site, s.decision(), deciding);
    }

    /**
     * Back to the relying party with a one-time code, once the device passed — or warned and the person went on.
     * Empty when this browser may not go on (not decided, denied, expired, or not its sign-in).
     */
    public Optional<Onward> complete(String id, String browserSecret, String challenge, boolean warningSeen) {
        Optional<View> v = view(id, browserSecret, challenge).filter(x -> !x.expired());
        if (v.isEmpty() || v.get().decision().isEmpty()) {
            return Optional.empty();
        }
        DeviceStanding.Decision d = v.get().decision().get();
        if (d == DeviceStanding.Decision.DENIED || (d == DeviceStanding.Decision.WARNED && !warningSeen)) {
            return Optional.empty();
        }
        return issueCode(id);
    }

    /**
     * How many snoozes the person has left this week (the policy's {@code snoozesPerWeek} less those used in the last 7
     * days); 0 when this denial cannot be snoozed at all — another person's device, or one not seen or never reported.
     */
    public int snoozesLeft(View v) {
        if (v.decision().filter(d -> d == DeviceStanding.Decision.DENIED).isEmpty() || v.deviceId().isEmpty()
                || v.findings().stream().anyMatch(f -> f.practice().equals(OTHER_PERSON) || f.practice().equals(DeviceStanding.NOT_SEEN)
                        || f.practice().equals(DeviceStanding.NO_REPORT))) {
            return 0;
        }
        Optional<Device> device = devices.find(v.account(), v.deviceId().get());
        if (device.isEmpty()) {
            return 0;
        }
        int allowed = standing.rulesFor(v.account(), device.get().ownerEmail()).snoozesPerWeek();
        if (allowed == 0) {
            return 0;
        }
        int used = tx.read(stores -> stores.signIns().snoozesSince(v.account(), device.get().ownerEmail(),
                clock.instant().minus(Duration.ofDays(7))));
        return Math.max(0, allowed - used);
    }

    /** The person goes on past a denial with one of their snoozes; recorded (and audited) as a decision of its own. */
    public Optional<Onward> snooze(String id, String browserSecret, String challenge) {
        Optional<View> v = view(id, browserSecret, challenge).filter(x -> !x.expired());
        if (v.isEmpty() || snoozesLeft(v.get()) == 0) {
            return Optional.empty();
        }
        SignIn row = row(id).orElseThrow();
        Instant now = clock.instant();
        tx.use(stores -> {
            stores.signIns().snooze(row.account(), id, now);
            audit.record(Optional.of(row.account().id()), row.ownerEmail().orElse(""), "signin.snoozed",
                    "sign-in at " + v.get().clientName() + " from device " + row.deviceId().orElse("") + " went on past a denial with a snooze");
        });
        return issueCode(id);
    }

    private Optional<Onward> issueCode(String id) {
        String code = secrets.token("ascc_");
        Instant now = clock.instant();
        SignIn row = row(id).orElseThrow();
        if ("id_token".equals(row.responseType())) {
            return postedIdToken(row, now);
        }
        if (!tx.run(stores -> stores.signIns().issueCode(row.account(), id, Secrets.sha256(code), now.plus(CODE_LIFETIME)))) {
            return Optional.empty();   // a second tab, or a replayed continue: one code per sign-in
        }
        return Optional.of(new Onward.Redirect(withParams(row.redirectUri(), Map.of("code", code), row.state())));
    }

    /**
     * form_post (Entra ID's external authentication methods): the ID token itself, once per sign-in, for the subject the
     * relying party named in its hint, with the assurance Entra asks for ({@code acr} possessionorinherence, {@code amr}
     * swk — a software-held key).
     */
    private Optional<Onward> postedIdToken(SignIn row, Instant now) {
        if (!tx.run(stores -> stores.signIns().markPosted(row.account(), row.id(), now))) {
            return Optional.empty();
        }
        dev.auscult.server.store.SignInClient client = clients.find(row.clientId()).orElseThrow();
        Optional<Device> device = deviceOf(row);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id_token", idToken(row, device.get(), client, issuerForPost, now));
        row.state().ifPresent(st -> fields.put("state", st));
        return Optional.of(new Onward.FormPost(URI.create(row.redirectUri()), fields));
    }

    private volatile String issuerForPost = "";

    /** The issuer of ID tokens this server posts (set by the HTTP side, which knows its public address). */
    public void issuer(String issuer) {
        this.issuerForPost = issuer;
    }

    /** The person gave up: back to the relying party with access_denied (it may offer another way in). */
    public Optional<URI> cancel(String id, String browserSecret, String challenge) {
        return view(id, browserSecret, challenge).flatMap(v -> row(id)).map(row -> {
            tx.use(stores -> stores.signIns().end(row.account(), id, clock.instant()));
            return error(row.redirectUri(), "access_denied", "the device step was not completed", row.state());
        });
    }

    /**
     * The token request: the client's own code, once, within a minute, for the same redirect URI and the PKCE verifier
     * when a challenge was sent — and the device still not revoked. A code used twice revokes the token it gave.
     */
    public Tokens redeem(dev.auscult.server.store.SignInClient client, String code, String redirectUri, Optional<String> verifier, String issuer) {
        if (code == null || code.length() > 100) {
            throw new TokenError("invalid_grant", "the code is not valid");
        }
        Instant now = clock.instant();
        SignIn row = tx.read(stores -> stores.signIns().byCodeHashAcrossAccounts(Secrets.sha256(code))).orElseThrow(() -> new TokenError("invalid_grant", "the code is not valid"));
        String id = row.id();
        if (row.codeUsedAt().isPresent()) {
            tx.use(stores -> stores.signIns().revokeToken(row.account(), id, now));
            audit.record(Optional.of(row.account().id()), "client " + client.clientId(), "signin.code-replayed",
                    "sign-in " + id + ": a code was presented a second time; the token it gave is revoked");
            throw new TokenError("invalid_grant", "the code was used before");
        }
        if (!client.clientId().equals(row.clientId()) || row.codeExpires().map(now::isAfter).orElse(true) || !row.redirectUri().equals(redirectUri)) {
            throw new TokenError("invalid_grant", "the code is not valid for this client and redirect_uri, or it expired");
        }
        Optional<String> challenge = row.codeChallenge();
        if (challenge.isPresent() != verifier.isPresent() || challenge.isPresent() && !pkce(challenge.get(), verifier.get())) {
            throw new TokenError("invalid_grant", "the PKCE code_verifier does not match the code_challenge");
        }
        Device device = deviceOf(row).orElseThrow(() -> new TokenError("invalid_grant", "the device was revoked after it answered; sign in again"));
        String access = secrets.token("asca_");
        if (!tx.run(stores -> stores.signIns().redeem(row.account(), id, now, Secrets.sha256(access), now.plus(TOKEN_LIFETIME)))) {
            throw new TokenError("invalid_grant", "the code was used before");
        }
        return new Tokens(idToken(row, device, client, issuer, now), access, TOKEN_LIFETIME.toSeconds());
    }

    /** The UserInfo claims for an access token (RFC 6750 bearer): the same person and device claims as the ID token. */
    public Optional<Map<String, Object>> userInfo(String accessToken) {
        if (accessToken == null || accessToken.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tx.read(stores -> stores.signIns().byLiveTokenHashAcrossAccounts(Secrets.sha256(accessToken), now))
                .flatMap(row -> deviceOf(row).map(d -> claims(row, d)));
    }

    private String idToken(SignIn row, Device device, dev.auscult.server.store.SignInClient client, String issuer, Instant now) {
        RSAKey key = keys.current();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).audience(client.clientId()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME))).claim("auth_time", row.provedAt().orElse(now).getEpochSecond())
                .claim("acr", "urn:auscult:device").claim("amr", List.of("swk")).jwtID(secrets.id("idt-"));
        claims(row, device).forEach(b::claim);
        row.nonce().ifPresent(n -> b.claim("nonce", n));
        if (row.hintSub().isPresent()) {
            // the relying party's own subject for the person (Entra: the id_token_hint's sub, oid and tid), which it checks
            b.subject(row.hintSub().get());
            row.hintOid().ifPresent(v -> b.claim("oid", v));
            row.hintTid().ifPresent(v -> b.claim("tid", v));
        }
        if ("id_token".equals(row.responseType())) {
            b.claim("acr", "possessionorinherence");
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), b.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the ID token cannot be signed", e);
        }
    }

    /** The person (the device's owner, verified by the e-mailed code that activated it) and the device's posture. */
    private Map<String, Object> claims(SignIn row, Device device) {
        boolean compliant = !row.decision().filter("DENIED"::equals).isPresent();
        List<Finding> findings = findings(row.practices().orElse(null));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", device.ownerEmail().toLowerCase(Locale.ROOT));
        c.put("email", device.ownerEmail());
        c.put("email_verified", true);
        c.put("device_id", device.id());
        c.put("compliant", compliant);
        if (row.decision().filter("SNOOZED"::equals).isPresent()) {
            c.put("snoozed", true);   // admitted by the policy's snooze, not by the device's posture: failing_practices says what fails
        }
        c.put("managed", true);
        c.put("failing_practices", findings.stream().filter(f -> !f.mode().equals("report")).map(Finding::practice).toList());
        c.put("device_context", Map.of("managed", true, "compliant", compliant, "externalId", device.id()));
        return c;
    }

    /** The sign-in decisions of an account, newest first, for the console. */
    public List<Decided> decisions(Account account, Optional<String> deviceId, int limit) {
        return tx.read(stores -> stores.signIns().decisions(account, deviceId, limit)).stream()
                .map(SignIns::decided).toList();
    }

    private static Decided decided(SignInDecision d) {
        return new Decided(d.signInId(), d.site(), d.deviceId(), d.ownerEmail(), d.decidedAt(), DeviceStanding.Decision.valueOf(d.decision()),
                findings(d.practices()));
    }

    /** How many answers since a time, per decision (ALLOWED, WARNED, DENIED): the overview's and the Device trust page's counts. */
    public Map<String, Integer> counts(Account account, Instant since) {
        return tx.read(stores -> stores.signIns().counts(account, since));
    }

    /** One decided sign-in, as the console lists it. */
    public record Decided(String id, String site, String deviceId, String ownerEmail, Instant at, DeviceStanding.Decision decision, List<Finding> findings) {
    }

    private void refuse(Devices.Caller caller, String signIn, String why) {
        audit.record(Optional.of(caller.accountId()), caller.ownerEmail(), "signin.refused", "device " + caller.deviceId() + ", sign-in " + signIn + ": " + why);
        throw new ApiError(ApiError.Code.FORBIDDEN, why);
    }

    private static boolean pkce(String challenge, String verifier) {
        try {
            return challenge.equals(CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue());
        } catch (IllegalArgumentException e) {
            return false;   // not 43–128 unreserved characters
        }
    }

    private String clientName(String clientId) {
        return clients.find(clientId).map(dev.auscult.server.store.SignInClient::name).orElse(clientId);
    }

    private Optional<SignIn> row(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        return tx.read(stores -> stores.signIns().byIdAcrossAccounts(id));
    }

    /** The device that answered a sign-in, in the sign-in's account, while it is not revoked. */
    private Optional<Device> deviceOf(SignIn row) {
        return row.deviceId().flatMap(id -> devices.find(row.account(), id)).filter(d -> d.revokedAt().isEmpty());
    }

    private static boolean same(String stored, String hash) {
        return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Findings kept in one column: one per line, tab-separated (practice, mode, verdict, due date, reason). */
    private static String encode(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            String reason = f.reason().replaceAll("[\\t\\n\\r]", " ");
            sb.append(f.practice()).append('\t').append(f.mode()).append('\t').append(f.verdict()).append('\t').append(f.dueBy().orElse(""))
                    .append('\t').append(reason.length() > 300 ? reason.substring(0, 300) : reason).append('\n');
        }
        String s = sb.toString();
        return s.length() > 4000 ? s.substring(0, s.lastIndexOf('\n', 3999) + 1) : s;
    }

    private static List<Finding> findings(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return column.lines().map(l -> l.split("\t", -1)).filter(p -> p.length == 5)
                .map(p -> new Finding(p[0], p[1], p[2], Optional.of(p[3]).filter(d -> !d.isEmpty()), p[4])).toList();
    }

    private static URI error(String redirectUri, String error, String description, Optional<String> state) {
        return withParams(redirectUri, Map.of("error", error, "error_description", description), state);
    }

    private static URI withParams(String redirectUri, Map<String, String> params, Optional<String> state) {
        StringBuilder sb = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(new java.util.TreeMap<>(params));
        state.ifPresent(s -> all.put("state", s));
        all.forEach((k, v) -> sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        sb.setLength(sb.length() - 1);
        return URI.create(sb.toString());
    }
}

package dev.auscult.server.http;

import dev.auscult.server.store.Account;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.auscult.server.ServerServices;
import dev.auscult.server.service.AdminSso;
import dev.auscult.server.service.Admins;
import dev.auscult.server.service.Role;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's single sign-on: the administrator goes to the organisation's provider (authorization code flow, PKCE,
 * state and nonce) and comes back with an ID token whose groups give the role. The provider's metadata is read from its
 * discovery document (kept five minutes); its signature keys from its JWKS, checked by the Nimbus validator.
 */
final class ConsoleSso {

    private static final System.Logger LOG = System.getLogger(ConsoleSso.class.getName());
    static final String COOKIE = "auscult_sso";
    private static final Duration METADATA_KEPT = Duration.ofMinutes(5);

    private final ServerServices s;
    private final Map<String, Map.Entry<Instant, OIDCProviderMetadata>> metadata = new ConcurrentHashMap<>();
    private final Map<String, IDTokenValidator> validators = new ConcurrentHashMap<>();

    ConsoleSso(ServerServices services) {
        this.s = services;
    }

    /** The refusal shown on the sign-in page, in words for the person. */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private OIDCProviderMetadata provider(String issuer) throws Refusal {
        var known = metadata.get(issuer);
        if (known != null && known.getKey().isAfter(s.clock().instant().minus(METADATA_KEPT))) {
            return known.getValue();
        }
        try {
            OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(issuer), 5_000, 5_000);
            metadata.put(issuer, Map.entry(s.clock().instant(), m));
            return m;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "single sign-on: the provider {0} did not answer its discovery document: {1}", issuer, e.toString());
            throw new Refusal("Your organisation's identity provider cannot be reached now. Try again in a moment, or sign in with a password.");
        }
    }

    /** Where the browser goes to sign in, with the cookie that ties the answer to this browser. */
    URI start(Context ctx, String accountId, String callback) throws Refusal {
        AdminSso.Config config = s.adminSso().find(new Account(accountId))
                .orElseThrow(() -> new Refusal("Single sign-on is not set up for this organisation; sign in with a password."));
        OIDCProviderMetadata m = provider(config.issuer());
        var begun = s.adminSso().begin(new Account(accountId));
        AdminSso.Pending p = begun.getValue();
        Cookie c = new Cookie(COOKIE, begun.getKey());
        c.setHttpOnly(true);
        c.setSecure(true);
        c.setSameSite(SameSite.LAX);   // it must come back on the provider's redirect, a cross-site navigation
        c.setPath("/console/sso/");
        c.setMaxAge((int) Duration.ofMinutes(10).toSeconds());
        ctx.cookie(c);
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "profile"), new ClientID(config.clientId()),
                URI.create(callback)).endpointURI(m.getAuthorizationEndpointURI()).state(new State(p.state())).nonce(new Nonce(p.nonce()))
                .codeChallenge(new CodeVerifier(p.verifier()), CodeChallengeMethod.S256).build().toURI();
    }

    /** The provider's answer: a session for the person in the role their groups map to, or why not. */
    Admins.SignIn.Ok finish(Context ctx, String callback, String client) throws Refusal {
        if (ctx.queryParam("error") != null) {
            throw new Refusal("Your identity provider did not sign you in (" + ctx.queryParam("error").replaceAll("[^a-z_]", "") + ").");
        }
        AdminSso.Pending p = s.adminSso().take(ctx.cookie(COOKIE), ctx.queryParam("state"))
                .orElseThrow(() -> new Refusal("This sign-in was not started in this browser, or it took longer than ten minutes. Start again."));
        ctx.removeCookie(COOKIE, "/console/sso/");
        AdminSso.Config config = s.adminSso().find(p.account()).orElseThrow(() -> new Refusal("Single sign-on is no longer set up for this organisation."));
        OIDCProviderMetadata m = provider(config.issuer());
        IDTokenClaimsSet claims;
        try {
            TokenRequest request = new TokenRequest(m.getTokenEndpointURI(), new ClientSecretBasic(new ClientID(config.clientId()),
                    new Secret(s.adminSso().clientSecret(p.account()))), new AuthorizationCodeGrant(new AuthorizationCode(
                    String.valueOf(ctx.queryParam("code"))), URI.create(callback), new CodeVerifier(p.verifier())));
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "single sign-on: the provider refused the code: {0}", response.toErrorResponse().getErrorObject());
                throw new Refusal("Your identity provider did not confirm the sign-in. Start again.");
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            IDTokenValidator validator = validators.computeIfAbsent(config.issuer() + " " + config.clientId(), k -> {
                try {
                    return new IDTokenValidator(m.getIssuer(), new ClientID(config.clientId()), JWSAlgorithm.RS256, m.getJWKSetURI().toURL());
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            });
            claims = validator.validate(idToken, new Nonce(p.nonce()));
        } catch (Refusal r) {
            throw r;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "single sign-on: the answer could not be used: {0}", e.toString());
            throw new Refusal("The answer of your identity provider could not be verified. Start again; if it persists, tell whoever set up single sign-on.");
        }
        String email = Optional.ofNullable(claims.getStringClaim("email")).filter(e -> e.contains("@"))
                .orElseThrow(() -> new Refusal("Your identity provider did not say your e-mail address (the email scope)."));
        if (Boolean.FALSE.equals(claims.getBooleanClaim("email_verified"))) {
            throw new Refusal("Your identity provider says your e-mail address is not verified.");
        }
        Collection<String> groups = groups(claims.getClaim(config.groupsClaim()));
        Role role = config.roleFor(groups).orElseThrow(() -> {
            s.audit().record(Optional.of(p.account().id()), email, "admin.refused", "single sign-on refused: in no group mapped to a role (groups: "
                    + String.join(", ", groups.stream().limit(20).toList()) + ")");
            return new Refusal("You are signed in at your identity provider, but none of your groups is given a role in Auscult. Ask an owner to map one.");
        });
        return switch (s.admins().signInSso(p.account(), email, role, "single sign-on (" + config.issuer() + ")", client)) {
            case Admins.SignIn.Ok ok -> ok;
            case Admins.SignIn.Refused r -> throw new Refusal(r.message());
        };
    }

    /** A groups claim as providers send it: a list of names (Keycloak's and Okta's), or one name. Keycloak full paths lose their slash. */
    static Collection<String> groups(Object claim) {
        List<String> raw = switch (claim) {
            case Collection<?> c -> c.stream().map(String::valueOf).toList();
            case String one -> List.of(one);
            case null, default -> List.of();
        };
        return raw.stream().map(g -> g.startsWith("/") ? g.substring(1) : g).toList();
    }
}

package dev.auscult.server.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.SignInClient;
import dev.auscult.server.store.Tx;

/**
 * The relying parties of the device step: an identity provider that brokers to Auscult (Keycloak, Okta, Entra,
 * authentik) or an app that speaks OpenID Connect itself. Each has a name people see ("Let sign-in at <name> confirm
 * this device?"), exact redirect URIs, and a secret shown once and stored hashed.
 */
public final class SignInClients {

    public record Made(SignInClient client, String secret) {
        @Override
        public String toString() {
            return "Made[" + client + ", secret=redacted]";
        }
    }

    static final int MAX_REDIRECTS = 10;

    private final Tx tx;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public SignInClients(Tx tx, Secrets secrets, Audit audit, Clock clock) {
        this.tx = tx;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Made register(Account account, String name, List<String> redirectUris, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        String n = name.strip();
        if (n.isEmpty() || n.length() > 100 || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a sign-in client needs a name of 1 to 100 characters (people see it: \"Acme SSO\")");
        }
        List<String> uris = redirectUris.stream().map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
        if (uris.isEmpty() || uris.size() > MAX_REDIRECTS) {
            throw new IllegalArgumentException("a sign-in client needs 1 to " + MAX_REDIRECTS + " redirect URIs, one per line");
        }
        uris.forEach(SignInClients::checkRedirect);
        String clientId = secrets.id("asc-client-");
        String secret = secrets.token("ascs_");
        Instant now = clock.instant();
        tx.use(s -> {
            s.signInClients().add(account, clientId, n, Secrets.sha256(secret), uris, actor, now);
            audit.record(Optional.of(account.id()), actor, "signin.client", "sign-in client \u201c" + n + "\u201d registered (" + clientId + ")");
        });
        return new Made(new SignInClient(clientId, account.id(), n, uris, now, actor, Optional.empty()), secret);
    }

    /** https anywhere, http only on this machine (a developer's app); never a fragment; never a custom scheme. */
    static void checkRedirect(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + uri + "' is not a URI");
        }
        boolean loopback = "http".equals(u.getScheme()) && u.getHost() != null
                && (u.getHost().equals("localhost") || u.getHost().equals("127.0.0.1") || u.getHost().equals("[::1]"));
        if (!("https".equals(u.getScheme()) || loopback) || u.getHost() == null || u.getRawFragment() != null || uri.length() > 1000) {
            throw new IllegalArgumentException("a redirect URI must be https:// (or http:// on localhost) with no #fragment: '" + uri + "'");
        }
    }

    public List<SignInClient> list(Account account) {
        return tx.read(s -> s.signInClients().list(account));
    }

    public Optional<SignInClient> find(String clientId) {
        if (clientId == null || clientId.length() > 64) {
            return Optional.empty();
        }
        return tx.read(s -> s.signInClients().byIdAcrossAccounts(clientId));
    }

    /** The client, when the secret is its own and it is not revoked; compared in constant time. */
    public Optional<SignInClient> authenticate(String clientId, String secret) {
        if (secret == null || secret.length() > 200) {
            return Optional.empty();
        }
        Optional<String> stored = tx.read(s -> s.signInClients().activeSecretHashAcrossAccounts(clientId));
        return stored.filter(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII), Secrets.sha256(secret).getBytes(StandardCharsets.US_ASCII)))
                .flatMap(s -> find(clientId));
    }

    public boolean revoke(Account account, String clientId, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        return tx.run(s -> {
            boolean done = s.signInClients().revoke(account, clientId, clock.instant());
            if (done) {
                audit.record(Optional.of(account.id()), actor, "signin.client", "sign-in client " + clientId + " revoked");
            }
            return done;
        });
    }
}

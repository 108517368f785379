package dev.auscult.server.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The relying parties of the device step: an identity provider that brokers to Auscult (Keycloak, Okta, Entra,
 * authentik) or an app that speaks OpenID Connect itself. Each has a name people see ("Let sign-in at <name> confirm
 * this device?"), exact redirect URIs, and a secret shown once and stored hashed.
 */
public final class SignInClients {

    public record Client(String clientId, String accountId, String name, List<String> redirectUris, Instant createdAt, String createdBy,
                         Optional<Instant> revokedAt) {
        public boolean allows(String redirectUri) {
            return revokedAt.isEmpty() && redirectUris.contains(redirectUri);   // exact match only: no prefixes, no wildcards
        }
    }

    public record Made(Client client, String secret) {
        @Override
        public String toString() {
            return "Made[" + client + ", secret=redacted]";
        }
    }

    static final int MAX_REDIRECTS = 10;

    private final Jdbi jdbi;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public SignInClients(Jdbi jdbi, Secrets secrets, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    public Made register(String accountId, String name, List<String> redirectUris, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
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
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO signin_clients (client_id, account_id, name, secret_hash, redirect_uris, created_at, created_by) "
                            + "VALUES (:c, :a, :n, :s, :r, :now, :by)")
                    .bind("c", clientId).bind("a", accountId).bind("n", n).bind("s", Secrets.sha256(secret)).bind("r", String.join("\n", uris))
                    .bind("now", now).bind("by", actor).execute();
            audit.record(Optional.of(accountId), actor, "signin.client", "sign-in client \u201c" + n + "\u201d registered (" + clientId + ")");
        });
        return new Made(new Client(clientId, accountId, n, uris, now, actor, Optional.empty()), secret);
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

    public List<Client> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM signin_clients WHERE account_id = :a ORDER BY created_at DESC")
                .bind("a", accountId).map((rs, ctx) -> client(rs)).list());
    }

    public Optional<Client> find(String clientId) {
        if (clientId == null || clientId.length() > 64) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM signin_clients WHERE client_id = :c").bind("c", clientId).map((rs, ctx) -> client(rs))
                .findOne());
    }

    /** The client, when the secret is its own and it is not revoked; compared in constant time. */
    public Optional<Client> authenticate(String clientId, String secret) {
        if (secret == null || secret.length() > 200) {
            return Optional.empty();
        }
        Optional<String> stored = jdbi.withHandle(h -> h.createQuery("SELECT secret_hash FROM signin_clients WHERE client_id = :c AND revoked_at IS NULL")
                .bind("c", clientId).mapTo(String.class).findOne());
        return stored.filter(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII), Secrets.sha256(secret).getBytes(StandardCharsets.US_ASCII)))
                .flatMap(s -> find(clientId));
    }

    public boolean revoke(String accountId, String clientId, Actor by) {
        by.require(Role.Permission.SETTINGS, accountId);
        String actor = by.audited();
        return jdbi.inTransaction(h -> {
            boolean done = h.createUpdate("UPDATE signin_clients SET revoked_at = :now WHERE client_id = :c AND account_id = :a AND revoked_at IS NULL")
                    .bind("now", clock.instant()).bind("c", clientId).bind("a", accountId).execute() == 1;
            if (done) {
                audit.record(Optional.of(accountId), actor, "signin.client", "sign-in client " + clientId + " revoked");
            }
            return done;
        });
    }

    private static Client client(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Client(rs.getString("client_id"), rs.getString("account_id"), rs.getString("name"),
                Arrays.asList(rs.getString("redirect_uris").split("\n")), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant));
    }
}

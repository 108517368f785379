package dev.auscult.server.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.SsoStore;
import dev.auscult.server.store.Tx;

/**
 * Administrators signing in through the organisation's identity provider (OpenID Connect): one provider per account,
 * its groups mapped to roles. The role comes from the groups at every sign-in, so a removed membership counts at the
 * next one; a person in no mapped group is refused. Password sign-in can be kept for owners only (break-glass).
 */
public final class AdminSso {

    /** One line of the mapping: members of {@code group} get {@code role}. */
    public record Mapping(String group, Role role) {
    }

    /** An account's provider, as the settings page shows it (the secret only as "set"). */
    public record Config(String issuer, String clientId, String groupsClaim, List<Mapping> mappings, boolean passwordOwnersOnly, Instant updatedAt,
                         String updatedBy) {

        /** The most privileged role any of the person's groups maps to; empty when none is mapped. */
        public Optional<Role> roleFor(Collection<String> groups) {
            return mappings.stream().filter(m -> groups.contains(m.group())).map(Mapping::role).min(java.util.Comparator.naturalOrder());
        }

        public String mappingsText() {
            return String.join("\n", mappings.stream().map(m -> m.group() + "=" + m.role().name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
    }

    /** A sign-in on its way to the provider: what must come back (state), what the ID token must carry (nonce), the PKCE verifier. */
    public record Pending(Account account, String state, String nonce, String verifier) {
        @Override
        public String toString() {
            return "Pending[" + account + ", secrets redacted]";
        }
    }

    static final Duration PENDING = Duration.ofMinutes(10);

    private final Tx tx;
    private final Secrets secrets;
    private final Audit audit;
    private final Clock clock;

    public AdminSso(Tx tx, Secrets secrets, Audit audit, Clock clock) {
        this.tx = tx;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /** Saves the account's provider. An empty {@code newSecret} keeps the secret already saved. */
    public Config save(Account account, String issuer, String clientId, Optional<String> newSecret, String groupsClaim, String mappingsText,
                       boolean passwordOwnersOnly, Actor by) {
        by.require(Role.Permission.SETTINGS, account.id());
        String actor = by.audited();
        String iss = issuer == null ? "" : issuer.strip().replaceAll("/+$", "");
        checkIssuer(iss);
        String client = clientId == null ? "" : clientId.strip();
        if (client.isEmpty() || client.length() > 200) {
            throw new IllegalArgumentException("the client ID the provider gave Auscult is needed (1 to 200 characters)");
        }
        String claim = Optional.ofNullable(groupsClaim).map(String::strip).filter(c -> !c.isEmpty()).orElse("groups");
        if (!claim.matches("[A-Za-z0-9_:.\\-/]{1,100}")) {
            throw new IllegalArgumentException("the groups claim is a claim name such as groups or roles");
        }
        List<Mapping> mappings = parseMappings(mappingsText);
        Optional<String> secret = newSecret.map(String::strip).filter(v -> !v.isEmpty());
        boolean exists = find(account).isPresent();
        if (!exists && secret.isEmpty()) {
            throw new IllegalArgumentException("the client secret the provider gave Auscult is needed");
        }
        if (secret.isPresent() && secret.get().length() > 500) {
            throw new IllegalArgumentException("the client secret is longer than 500 characters");
        }
        if (passwordOwnersOnly && mappings.stream().noneMatch(m -> m.role() == Role.OWNER)) {
            throw new IllegalArgumentException("password sign-in can be kept for owners only once a group maps to owner: otherwise no one could run the account");
        }
        Instant now = clock.instant();
        String text = String.join("\n", mappings.stream().map(m -> m.group() + "=" + m.role().name()).toList());
        tx.use(s -> {
            s.sso().save(account, new SsoStore.Provider(iss, client, claim, text, passwordOwnersOnly, now, actor), secret);
            audit.record(Optional.of(account.id()), actor, "sso.settings", "single sign-on through " + iss + " (client " + client + "), "
                    + mappings.size() + " group mapping" + (mappings.size() == 1 ? "" : "s") + ", password sign-in "
                    + (passwordOwnersOnly ? "for owners only" : "for everyone") + (secret.isPresent() ? ", new client secret" : ""));
        });
        return find(account).orElseThrow();
    }

    /** https anywhere; http only to this machine (a provider under test). TLS is never optional for a real provider. */
    static void checkIssuer(String issuer) {
        try {
            URI u = new URI(issuer);
            boolean loopback = "http".equals(u.getScheme()) && ("localhost".equals(u.getHost()) || "127.0.0.1".equals(u.getHost()));
            if (u.getHost() == null || !("https".equals(u.getScheme()) || loopback) || u.getRawQuery() != null || u.getRawFragment() != null
                    || issuer.length() > 500) {
                throw new IllegalArgumentException("the issuer must be the provider's https:// address (e.g. https://sso.acme.example/realms/acme)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the issuer is not a URL");
        }
    }

    /** "group=role" per line (role: owner, policy-editor, helpdesk, auditor); '#' starts a comment. */
    static List<Mapping> parseMappings(String text) {
        List<Mapping> out = new ArrayList<>();
        int n = 0;
        for (String line : (text == null ? "" : text).lines().toList()) {
            n++;
            String l = line.replaceAll("#.*", "").strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.lastIndexOf('=');
            if (eq <= 0 || eq == l.length() - 1) {
                throw new IllegalArgumentException("line " + n + " of the mappings is not group=role: '" + l + "'");
            }
            String group = l.substring(0, eq).strip();
            if (group.length() > 200 || group.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("line " + n + ": a group name is at most 200 characters");
            }
            try {
                out.add(new Mapping(group, Role.parse(l.substring(eq + 1))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + n + " of the mappings: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("map at least one group to a role (e.g. auscult-admins=owner): a person in no mapped group cannot sign in");
        }
        return List.copyOf(out);
    }

    public Optional<Config> find(Account account) {
        return tx.read(s -> s.sso().find(account))
                .map(p -> new Config(p.issuer(), p.clientId(), p.groupsClaim(), p.mappings().lines().filter(l -> l.contains("="))
                        .map(l -> new Mapping(l.substring(0, l.lastIndexOf('=')), Role.valueOf(l.substring(l.lastIndexOf('=') + 1)))).toList(),
                        p.passwordOwnersOnly(), p.updatedAt(), p.updatedBy()));
    }

    /** The client secret, for the token request only (never shown, never logged). */
    public String clientSecret(Account account) {
        return tx.read(s -> s.sso().clientSecret(account)).orElseThrow(() -> new IllegalStateException("no provider for this account"));
    }

    /** The accounts whose administrators can sign in with a provider (for the sign-in page). */
    public List<String> accounts() {
        return tx.read(s -> s.sso().accountsWithProviderAcrossAccounts());
    }

    /** Starts a sign-in: returns the browser's cookie value and what to send to the provider. */
    public java.util.Map.Entry<String, Pending> begin(Account account) {
        String cookie = secrets.token("");
        Pending p = new Pending(account, secrets.token("").substring(0, 43), secrets.token("").substring(0, 43), secrets.token("") + secrets.token(""));
        Instant now = clock.instant();
        tx.use(s -> s.sso().addPending(account, Secrets.sha256(cookie), p.state(), p.nonce(), p.verifier().substring(0, 86), now,
                now.minus(PENDING)));
        return java.util.Map.entry(cookie, new Pending(account, p.state(), p.nonce(), p.verifier().substring(0, 86)));
    }

    /** The sign-in this browser started, once, if the provider sent back its state within ten minutes. */
    public Optional<Pending> take(String cookie, String state) {
        if (cookie == null || cookie.length() > 100 || state == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tx.run(s -> s.sso().takePendingAcrossAccounts(Secrets.sha256(cookie)))
                .filter(x -> x.at().isAfter(now.minus(PENDING)))
                .map(x -> new Pending(x.account(), x.state(), x.nonce(), x.verifier()))
                .filter(x -> java.security.MessageDigest.isEqual(x.state().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        state.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}

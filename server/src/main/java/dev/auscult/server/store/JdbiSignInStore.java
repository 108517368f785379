package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/** {@link SignInStore} in SQL. */
final class JdbiSignInStore implements SignInStore {

    private static final String COLUMNS = "id, account_id, client_id, redirect_uri, state, nonce, code_challenge, login_hint, browser_hash, "
            + "challenge_hash, created_at, expires_at, device_id, owner_email, proved_at, decision, practices, code_hash, code_expires, code_used_at, "
            + "token_expires, response_type, hint_sub, hint_oid, hint_tid";

    private final Handle h;

    JdbiSignInStore(Handle h) {
        this.h = h;
    }

    @Override
    public void add(SignIn s) {
        h.createUpdate("INSERT INTO signins (id, account_id, client_id, redirect_uri, state, nonce, code_challenge, login_hint, browser_hash, "
                        + "challenge_hash, created_at, expires_at, response_type, hint_sub, hint_oid, hint_tid) "
                        + "VALUES (:id, :a, :c, :r, :s, :n, :cc, :lh, :b, :ch, :now, :exp, :rt, :hs, :ho, :ht)")
                .bind("id", s.id()).bind("a", s.account().id()).bind("c", s.clientId()).bind("r", s.redirectUri()).bind("s", s.state().orElse(null))
                .bind("n", s.nonce().orElse(null)).bind("cc", s.codeChallenge().orElse(null)).bind("lh", s.loginHint().orElse(null))
                .bind("b", s.browserHash()).bind("ch", s.challengeHash()).bind("now", s.createdAt()).bind("exp", s.expiresAt())
                .bind("rt", s.responseType()).bind("hs", s.hintSub().orElse(null)).bind("ho", s.hintOid().orElse(null))
                .bind("ht", s.hintTid().orElse(null)).execute();
    }

    @Override
    public Optional<SignIn> byIdAcrossAccounts(String id) {
        return one("id = :v", id);
    }

    @Override
    public Optional<SignIn> byChallengeHashAcrossAccounts(String challengeHash) {
        return one("challenge_hash = :v", challengeHash);
    }

    @Override
    public Optional<SignIn> byCodeHashAcrossAccounts(String codeHash) {
        return one("code_hash = :v", codeHash);
    }

    @Override
    public Optional<SignIn> byLiveTokenHashAcrossAccounts(String tokenHash, Instant now) {
        return h.createQuery("SELECT " + COLUMNS + " FROM signins WHERE token_hash = :t AND token_expires > :now").bind("t", tokenHash)
                .bind("now", now).map((rs, ctx) -> row(rs)).findOne();
    }

    private Optional<SignIn> one(String where, String value) {
        return h.createQuery("SELECT " + COLUMNS + " FROM signins WHERE " + where).bind("v", value).map((rs, ctx) -> row(rs)).findOne();
    }

    @Override
    public void answer(Account account, String id, String deviceId, String ownerEmail, Instant at, String decision, String practices) {
        int updated = h.createUpdate("UPDATE signins SET device_id = :d, owner_email = :o, proved_at = :now, decision = :dec, practices = :p "
                        + "WHERE id = :id AND account_id = :a")
                .bind("d", deviceId).bind("o", ownerEmail).bind("now", at).bind("dec", decision).bind("p", practices).bind("id", id)
                .bind("a", account.id()).execute();
        if (updated == 1) {
            decided(account, id, at, decision);
        }
    }

    @Override
    public void snooze(Account account, String id, Instant at) {
        if (h.createUpdate("UPDATE signins SET decision = 'SNOOZED' WHERE id = :id AND account_id = :a AND decision = 'DENIED'")
                .bind("id", id).bind("a", account.id()).execute() == 1) {
            decided(account, id, at, "SNOOZED");
        }
    }

    /** The decision just written on the sign-in, copied into the decisions (which outlive a sign-in answered again). */
    private void decided(Account account, String id, Instant at, String decision) {
        h.createUpdate("INSERT INTO signin_decisions (signin_id, account_id, client_id, device_id, owner_email, decided_at, decision, practices) "
                        + "SELECT id, account_id, client_id, device_id, owner_email, :now, :dec, practices FROM signins WHERE id = :id AND account_id = :a")
                .bind("now", at).bind("dec", decision).bind("id", id).bind("a", account.id()).execute();
    }

    @Override
    public boolean issueCode(Account account, String id, String codeHash, Instant expires) {
        return h.createUpdate("UPDATE signins SET code_hash = :c, code_expires = :exp WHERE id = :id AND account_id = :a AND code_hash IS NULL")
                .bind("c", codeHash).bind("exp", expires).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public boolean markPosted(Account account, String id, Instant at) {
        // code_hash is unique: the sign-in's id marks the one ID token given, as no code was
        return h.createUpdate("UPDATE signins SET code_hash = :c, code_used_at = :now WHERE id = :id AND account_id = :a AND code_hash IS NULL")
                .bind("c", "posted:" + id).bind("now", at).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public boolean redeem(Account account, String id, Instant at, String tokenHash, Instant tokenExpires) {
        return h.createUpdate("UPDATE signins SET code_used_at = :now, token_hash = :t, token_expires = :exp "
                        + "WHERE id = :id AND account_id = :a AND code_used_at IS NULL")
                .bind("now", at).bind("t", tokenHash).bind("exp", tokenExpires).bind("id", id).bind("a", account.id()).execute() == 1;
    }

    @Override
    public void revokeToken(Account account, String id, Instant at) {
        h.createUpdate("UPDATE signins SET token_expires = :now WHERE id = :id AND account_id = :a").bind("now", at).bind("id", id)
                .bind("a", account.id()).execute();
    }

    @Override
    public void end(Account account, String id, Instant at) {
        h.createUpdate("UPDATE signins SET expires_at = :now WHERE id = :id AND account_id = :a").bind("now", at).bind("id", id)
                .bind("a", account.id()).execute();
    }

    @Override
    public int snoozesSince(Account account, String ownerEmail, Instant since) {
        return h.createQuery("SELECT count(*) FROM signin_decisions WHERE account_id = :a AND owner_email = :o AND decision = 'SNOOZED' "
                + "AND decided_at > :since").bind("a", account.id()).bind("o", ownerEmail).bind("since", since).mapTo(Integer.class).one();
    }

    @Override
    public List<SignInDecision> decisions(Account account, Optional<String> deviceId, int limit) {
        return h.createQuery("SELECT d.signin_id, COALESCE(c.name, d.client_id) AS site, d.device_id, d.owner_email, d.decided_at, d.decision, "
                        + "d.practices FROM signin_decisions d LEFT JOIN signin_clients c ON c.client_id = d.client_id AND c.account_id = d.account_id "
                        + "WHERE d.account_id = :a" + (deviceId.isPresent() ? " AND d.device_id = :d" : "") + " ORDER BY d.decided_at DESC LIMIT :n")
                .bind("a", account.id()).bind("d", deviceId.orElse("")).bind("n", limit)
                .map((rs, ctx) -> new SignInDecision(rs.getString("signin_id"), rs.getString("site"), rs.getString("device_id"),
                        rs.getString("owner_email"), Columns.instant(rs, "decided_at"), rs.getString("decision"),
                        Columns.text(rs, "practices").orElse("")))
                .list();
    }

    @Override
    public Map<String, Integer> counts(Account account, Instant since) {
        Map<String, Integer> out = new TreeMap<>();
        h.createQuery("SELECT decision, count(*) FROM signin_decisions WHERE account_id = :a AND decided_at >= :since GROUP BY decision")
                .bind("a", account.id()).bind("since", since).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static SignIn row(ResultSet rs) throws SQLException {
        return new SignIn(rs.getString("id"), new Account(rs.getString("account_id")), rs.getString("client_id"), rs.getString("redirect_uri"),
                Columns.text(rs, "state"), Columns.text(rs, "nonce"), Columns.text(rs, "code_challenge"), Columns.text(rs, "login_hint"),
                rs.getString("browser_hash"), rs.getString("challenge_hash"), Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"),
                Columns.text(rs, "device_id"), Columns.text(rs, "owner_email"), Columns.maybeInstant(rs, "proved_at"), Columns.text(rs, "decision"),
                Columns.text(rs, "practices"), Columns.text(rs, "code_hash"), Columns.maybeInstant(rs, "code_expires"),
                Columns.maybeInstant(rs, "code_used_at"), Columns.maybeInstant(rs, "token_expires"),
                Columns.text(rs, "response_type").orElse("code"), Columns.text(rs, "hint_sub"), Columns.text(rs, "hint_oid"),
                Columns.text(rs, "hint_tid"));
    }
}

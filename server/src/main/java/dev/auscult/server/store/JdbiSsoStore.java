package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link SsoStore} in SQL. */
final class JdbiSsoStore implements SsoStore {

    private final Handle h;

    JdbiSsoStore(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<Provider> find(Account account) {
        return h.createQuery("SELECT issuer, client_id, groups_claim, mappings, password_owners_only, updated_at, updated_by FROM account_sso "
                        + "WHERE account_id = :a").bind("a", account.id())
                .map((rs, ctx) -> new Provider(rs.getString("issuer"), rs.getString("client_id"), rs.getString("groups_claim"), rs.getString("mappings"),
                        rs.getBoolean("password_owners_only"), Columns.instant(rs, "updated_at"), rs.getString("updated_by"))).findOne();
    }

    @Override
    public void save(Account account, Provider p, Optional<String> clientSecret) {
        if (find(account).isPresent()) {
            h.createUpdate("UPDATE account_sso SET issuer = :i, client_id = :c, client_secret = COALESCE(:s, client_secret), groups_claim = :g, "
                            + "mappings = :m, password_owners_only = :o, updated_at = :now, updated_by = :by WHERE account_id = :a")
                    .bind("i", p.issuer()).bind("c", p.clientId()).bind("s", clientSecret.orElse(null)).bind("g", p.groupsClaim()).bind("m", p.mappings())
                    .bind("o", p.passwordOwnersOnly()).bind("now", p.updatedAt()).bind("by", p.updatedBy()).bind("a", account.id()).execute();
            return;
        }
        h.createUpdate("INSERT INTO account_sso (account_id, issuer, client_id, client_secret, groups_claim, mappings, password_owners_only, updated_at, "
                        + "updated_by) VALUES (:a, :i, :c, :s, :g, :m, :o, :now, :by)")
                .bind("a", account.id()).bind("i", p.issuer()).bind("c", p.clientId())
                .bind("s", clientSecret.orElseThrow(() -> new IllegalArgumentException("a first provider needs its client secret")))
                .bind("g", p.groupsClaim()).bind("m", p.mappings()).bind("o", p.passwordOwnersOnly()).bind("now", p.updatedAt()).bind("by", p.updatedBy())
                .execute();
    }

    @Override
    public Optional<String> clientSecret(Account account) {
        return h.createQuery("SELECT client_secret FROM account_sso WHERE account_id = :a").bind("a", account.id()).mapTo(String.class).findOne();
    }

    @Override
    public List<String> accountsWithProviderAcrossAccounts() {
        return h.createQuery("SELECT account_id FROM account_sso ORDER BY account_id").mapTo(String.class).list();
    }

    @Override
    public void addPending(Account account, String cookieHash, String state, String nonce, String verifier, Instant at, Instant forgetBefore) {
        h.createUpdate("DELETE FROM sso_pending WHERE created_at < :old").bind("old", forgetBefore).execute();
        h.createUpdate("INSERT INTO sso_pending (id_hash, account_id, state, nonce, verifier, created_at) VALUES (:h, :a, :s, :n, :v, :now)")
                .bind("h", cookieHash).bind("a", account.id()).bind("s", state).bind("n", nonce).bind("v", verifier).bind("now", at).execute();
    }

    @Override
    public Optional<Pending> takePendingAcrossAccounts(String cookieHash) {
        Optional<Pending> p = h.createQuery("SELECT account_id, state, nonce, verifier, created_at FROM sso_pending WHERE id_hash = :h").bind("h", cookieHash)
                .map((rs, ctx) -> new Pending(new Account(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        Columns.instant(rs, "created_at"))).findOne();
        h.createUpdate("DELETE FROM sso_pending WHERE id_hash = :h").bind("h", cookieHash).execute();
        return p;
    }
}

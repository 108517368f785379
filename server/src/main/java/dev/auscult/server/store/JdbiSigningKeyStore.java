package dev.auscult.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link SigningKeyStore} in SQL. */
final class JdbiSigningKeyStore implements SigningKeyStore {

    private final Handle h;

    JdbiSigningKeyStore(Handle h) {
        this.h = h;
    }

    @Override
    public Optional<Kept> newest() {
        return h.createQuery("SELECT private_jwk, created_at FROM signin_keys ORDER BY created_at DESC LIMIT 1")
                .map((rs, ctx) -> new Kept(rs.getString(1), Columns.instant(rs, "created_at"))).findOne();
    }

    @Override
    public void add(String kid, String privateJwk, Instant at, Instant retireAfter) {
        h.createUpdate("INSERT INTO signin_keys (kid, private_jwk, created_at, retire_after) VALUES (:k, :j, :now, :retire)")
                .bind("k", kid).bind("j", privateJwk).bind("now", at).bind("retire", retireAfter).execute();
    }

    @Override
    public List<String> inUse(Instant now) {
        return h.createQuery("SELECT private_jwk FROM signin_keys WHERE retire_after > :now ORDER BY created_at DESC").bind("now", now)
                .mapTo(String.class).list();
    }
}

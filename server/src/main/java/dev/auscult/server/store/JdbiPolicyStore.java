package dev.auscult.server.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** {@link PolicyStore} in SQL. */
final class JdbiPolicyStore implements PolicyStore {

    private final Handle h;

    JdbiPolicyStore(Handle h) {
        this.h = h;
    }

    @Override
    public int add(Account account, NewVersion n) {
        // the unit of work holds the write lock (SQLite) or the next line's row lock is not needed: a concurrent publish
        // of the same account fails on the (account, version) key and is retried by whoever published
        int v = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM policies WHERE account_id = :a").bind("a", account.id()).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO policies (account_id, version, name, source_name, document, created_at, created_by, source_text) "
                        + "VALUES (:a, :v, :n, :s, :d, :now, :by, :text)")
                .bind("a", account.id()).bind("v", v).bind("n", n.name()).bind("s", n.sourceName()).bind("d", n.document())
                .bind("now", n.at()).bind("by", n.by()).bind("text", n.sourceText()).execute();
        return v;
    }

    @Override
    public boolean exists(Account account, int version) {
        return h.createQuery("SELECT count(*) FROM policies WHERE account_id = :a AND version = :v").bind("a", account.id()).bind("v", version)
                .mapTo(Integer.class).one() > 0;
    }

    @Override
    public void assign(Account account, String group, int version, Instant at) {
        h.createUpdate("DELETE FROM policy_assignments WHERE account_id = :a AND group_name = :g").bind("a", account.id()).bind("g", group).execute();
        h.createUpdate("INSERT INTO policy_assignments (account_id, group_name, version, assigned_at) SELECT :a, :g, :v, :now "
                        + "WHERE EXISTS (SELECT 1 FROM policies WHERE account_id = :a AND version = :v)")
                .bind("a", account.id()).bind("g", group).bind("v", version).bind("now", at).execute();
    }

    @Override
    public Optional<Integer> assigned(Account account, String group) {
        return h.createQuery("SELECT version FROM policy_assignments WHERE account_id = :a AND group_name = :g").bind("a", account.id()).bind("g", group)
                .mapTo(Integer.class).findOne();
    }

    @Override
    public Optional<String> document(Account account, int version) {
        return h.createQuery("SELECT document FROM policies WHERE account_id = :a AND version = :v").bind("a", account.id()).bind("v", version)
                .mapTo(String.class).findOne();
    }

    @Override
    public List<PolicyVersion> versions(Account account) {
        return h.createQuery("SELECT version, name, source_name, document, created_at, created_by, source_text FROM policies "
                        + "WHERE account_id = :a ORDER BY version DESC").bind("a", account.id())
                .map((rs, ctx) -> new PolicyVersion(rs.getInt("version"), rs.getString("name"), rs.getString("source_name"), rs.getString("document"),
                        Columns.instant(rs, "created_at"), rs.getString("created_by"), Columns.text(rs, "source_text"))).list();
    }

    @Override
    public Map<String, Integer> assignments(Account account) {
        Map<String, Integer> out = new TreeMap<>();
        h.createQuery("SELECT group_name, version FROM policy_assignments WHERE account_id = :a").bind("a", account.id())
                .map((rs, ctx) -> Map.entry(rs.getString("group_name"), rs.getInt("version"))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}

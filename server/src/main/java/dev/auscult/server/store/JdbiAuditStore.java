package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link AuditStore} in SQL. */
final class JdbiAuditStore implements AuditStore {

    /** The column's width: a longer detail is cut, never refused (the action it records has happened). */
    private static final int DETAIL = 2000;
    private static final String SELECT = "SELECT at, account_id, actor, action, detail FROM audit_log";

    private final Handle h;

    JdbiAuditStore(Handle h) {
        this.h = h;
    }

    @Override
    public void append(Optional<Account> account, String actor, String action, String detail, Instant at) {
        h.createUpdate("INSERT INTO audit_log (account_id, actor, action, detail, at) VALUES (:a, :actor, :action, :detail, :at)")
                .bind("a", account.map(Account::id).orElse(null)).bind("actor", actor).bind("action", action)
                .bind("detail", Columns.cut(Optional.of(detail), DETAIL)).bind("at", at).execute();
    }

    @Override
    public List<AuditEntry> recent(Account account, int limit) {
        return h.createQuery(SELECT + " WHERE account_id = :a ORDER BY id DESC LIMIT :n").bind("a", account.id()).bind("n", limit)
                .map(JdbiAuditStore::entry).list();
    }

    @Override
    public List<Instant> times(Account account, String actor, String action, int limit) {
        return h.createQuery("SELECT at FROM audit_log WHERE account_id = :a AND actor = :u AND action = :act ORDER BY at DESC LIMIT :n")
                .bind("a", account.id()).bind("u", actor).bind("act", action).bind("n", limit).mapTo(Instant.class).list();
    }

    @Override
    public int countAfter(Account account, String actor, String action, Instant after) {
        return h.createQuery("SELECT count(*) FROM audit_log WHERE account_id = :a AND actor = :u AND action = :act AND at > :since")
                .bind("a", account.id()).bind("u", actor).bind("act", action).bind("since", after).mapTo(Integer.class).one();
    }

    @Override
    public List<AuditEntry> refusedFor(Account account, String deviceId, int limit) {
        return h.createQuery(SELECT + " WHERE account_id = :a AND action IN ('device.proof-refused', 'device.key-rotation-refused') "
                        + "AND detail LIKE :d ORDER BY id DESC LIMIT :n")
                .bind("a", account.id()).bind("d", "device " + deviceId.replace("%", "") + ":%").bind("n", limit).map(JdbiAuditStore::entry).list();
    }

    private static AuditEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AuditEntry(Columns.instant(rs, "at"), Columns.text(rs, "account_id"), rs.getString("actor"), rs.getString("action"), rs.getString("detail"));
    }
}

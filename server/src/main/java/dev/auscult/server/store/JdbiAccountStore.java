package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link AccountStore} in SQL. */
final class JdbiAccountStore implements AccountStore {

    private final Handle h;

    JdbiAccountStore(Handle h) {
        this.h = h;
    }

    @Override
    public boolean create(String id, String name, Instant at) {
        if (named(id).isPresent()) {
            return false;
        }
        h.createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (:id, :name, :at)").bind("id", id).bind("name", name).bind("at", at).execute();
        return true;
    }

    @Override
    public Optional<Organisation> named(String id) {
        return h.createQuery("SELECT id, name, created_at FROM accounts WHERE id = :id").bind("id", id).map(JdbiAccountStore::organisation).findOne();
    }

    @Override
    public List<Organisation> all() {
        return h.createQuery("SELECT id, name, created_at FROM accounts ORDER BY id").map(JdbiAccountStore::organisation).list();
    }

    private static Organisation organisation(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Organisation(rs.getString("id"), rs.getString("name"), Columns.instant(rs, "created_at"));
    }
}

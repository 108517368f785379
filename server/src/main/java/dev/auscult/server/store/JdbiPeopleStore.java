package dev.auscult.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link PeopleStore} in SQL. */
final class JdbiPeopleStore implements PeopleStore {

    private static final String SELECT = "SELECT p.account_id, p.email, p.name, p.group_name, p.active, p.scim_id, p.external_id, p.updated_at FROM people p";

    private final Handle h;

    JdbiPeopleStore(Handle h) {
        this.h = h;
    }

    @Override
    public boolean upsert(Account account, PersonUpdate p, Instant at) {
        int updated = h.createUpdate("UPDATE people SET name = COALESCE(:name, name), group_name = COALESCE(:g, group_name), active = :active, "
                        + "scim_id = COALESCE(:scim, scim_id), external_id = COALESCE(:ext, external_id), updated_at = :now "
                        + "WHERE account_id = :a AND email = :e")
                .bind("name", p.name().orElse(null)).bind("g", p.group().orElse(null)).bind("active", p.active())
                .bind("scim", p.scimId().orElse(null)).bind("ext", p.externalId().orElse(null)).bind("now", at)
                .bind("a", account.id()).bind("e", p.email()).execute();
        if (updated > 0) {
            return false;
        }
        h.createUpdate("INSERT INTO people (account_id, email, name, group_name, active, scim_id, external_id, created_at, updated_at) "
                        + "VALUES (:a, :e, :name, :g, :active, :scim, :ext, :now, :now)")
                .bind("a", account.id()).bind("e", p.email()).bind("name", p.name().orElse(null)).bind("g", p.group().orElse(null))
                .bind("active", p.active()).bind("scim", p.scimId().orElse(null)).bind("ext", p.externalId().orElse(null)).bind("now", at).execute();
        return true;
    }

    @Override
    public boolean replaceManaged(Account account, String scimId, PersonUpdate p, Instant at) {
        return h.createUpdate("UPDATE people SET email = :e, name = :n, group_name = :g, active = :act, external_id = :x, updated_at = :now "
                        + "WHERE account_id = :a AND scim_id = :s")
                .bind("e", p.email()).bind("n", p.name().orElse(null)).bind("g", p.group().orElse(null)).bind("act", p.active())
                .bind("x", p.externalId().orElse(null)).bind("now", at).bind("a", account.id()).bind("s", scimId).execute() == 1;
    }

    @Override
    public boolean setActive(Account account, String scimId, boolean active, Instant at) {
        return h.createUpdate("UPDATE people SET active = :act, updated_at = :now WHERE account_id = :a AND scim_id = :s")
                .bind("act", active).bind("now", at).bind("a", account.id()).bind("s", scimId).execute() == 1;
    }

    @Override
    public Optional<Person> find(Account account, String email) {
        return h.createQuery(SELECT + " WHERE p.account_id = :a AND p.email = :e").bind("a", account.id()).bind("e", email)
                .map(JdbiPeopleStore::person).findOne();
    }

    @Override
    public Optional<Person> byScimId(Account account, String scimId) {
        return h.createQuery(SELECT + " WHERE p.account_id = :a AND p.scim_id = :s").bind("a", account.id()).bind("s", scimId)
                .map(JdbiPeopleStore::person).findOne();
    }

    @Override
    public List<Person> all(Account account) {
        return h.createQuery(SELECT + " WHERE p.account_id = :a ORDER BY p.email").bind("a", account.id()).map(JdbiPeopleStore::person).list();
    }

    @Override
    public List<Person> withoutDevice(Account account) {
        return h.createQuery(SELECT + " WHERE p.account_id = :a AND p.active = TRUE AND NOT EXISTS "
                        + "(SELECT 1 FROM devices d WHERE d.account_id = p.account_id AND d.owner_email = p.email AND d.revoked_at IS NULL) "
                        + "ORDER BY p.email").bind("a", account.id()).map(JdbiPeopleStore::person).list();
    }

    private static Person person(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Person(rs.getString("account_id"), rs.getString("email"), Columns.text(rs, "name"), Columns.text(rs, "group_name"),
                rs.getBoolean("active"), Columns.text(rs, "scim_id"), Columns.text(rs, "external_id"), Columns.instant(rs, "updated_at"));
    }
}

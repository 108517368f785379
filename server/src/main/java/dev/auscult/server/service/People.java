package dev.auscult.server.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The people an organisation rolls Auscult out to: imported from a CSV directory or pushed over SCIM. */
public final class People {

    public record Person(String accountId, String email, Optional<String> name, Optional<String> group, boolean active,
                         Optional<String> scimId, Optional<String> externalId, Instant updatedAt) {
    }

    /** What an import did, row by row where something was wrong. */
    public record ImportResult(int added, int updated, List<String> problems) {
    }

    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;

    public People(Jdbi jdbi, Audit audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    public static String normaliseEmail(String email) {
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (!e.matches("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+") || e.length() > 320) {
            throw new IllegalArgumentException("'" + email.strip() + "' is not an e-mail address");
        }
        return e;
    }

    /**
     * Imports a people directory (CSV, see {@link PeopleCsv}): existing people are updated, nobody is removed; every
     * refused row is reported with its line and why, duplicates included.
     */
    public ImportResult importCsv(String accountId, String csv, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, accountId);
        String actor = by.audited();
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        List<PeopleCsv.Row> rows = PeopleCsv.read(csv);
        jdbi.useTransaction(h -> {
            for (PeopleCsv.Row row : rows) {
                if (row.problem().isPresent()) {
                    problems.add((row.line() > 0 ? "line " + row.line() + ": " : "") + row.problem().get());
                } else if (upsert(h, accountId, row.email().orElseThrow(), row.name(), row.group(), true, Optional.empty(), Optional.empty())) {
                    counts[0]++;
                } else {
                    counts[1]++;
                }
            }
            audit.record(Optional.of(accountId), actor, "people.import", counts[0] + " added, " + counts[1] + " updated, "
                    + problems.size() + " rows refused");
        });
        return new ImportResult(counts[0], counts[1], problems);
    }

    /** Inserts or updates one person; true when the person is new. */
    boolean upsert(Handle h, String accountId, String email, Optional<String> name, Optional<String> group, boolean active,
                   Optional<String> scimId, Optional<String> externalId) {
        Instant now = clock.instant();
        int updated = h.createUpdate("UPDATE people SET name = COALESCE(:name, name), group_name = COALESCE(:g, group_name), active = :active, "
                        + "scim_id = COALESCE(:scim, scim_id), external_id = COALESCE(:ext, external_id), updated_at = :now "
                        + "WHERE account_id = :a AND email = :e")
                .bind("name", name.orElse(null)).bind("g", group.orElse(null)).bind("active", active)
                .bind("scim", scimId.orElse(null)).bind("ext", externalId.orElse(null)).bind("now", now)
                .bind("a", accountId).bind("e", email).execute();
        if (updated > 0) {
            return false;
        }
        h.createUpdate("INSERT INTO people (account_id, email, name, group_name, active, scim_id, external_id, created_at, updated_at) "
                        + "VALUES (:a, :e, :name, :g, :active, :scim, :ext, :now, :now)")
                .bind("a", accountId).bind("e", email).bind("name", name.orElse(null)).bind("g", group.orElse(null))
                .bind("active", active).bind("scim", scimId.orElse(null)).bind("ext", externalId.orElse(null)).bind("now", now).execute();
        return true;
    }

    public List<Person> all(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE account_id = :a ORDER BY email").bind("a", accountId).map(People::person).list());
    }

    /** Active people with no device that still reports (never activated, or every device revoked). */
    public List<Person> withoutDevice(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " p WHERE p.account_id = :a AND p.active = TRUE AND NOT EXISTS "
                        + "(SELECT 1 FROM devices d WHERE d.account_id = p.account_id AND d.owner_email = p.email AND d.revoked_at IS NULL) "
                        + "ORDER BY p.email").bind("a", accountId).map(People::person).list());
    }

    public Optional<Person> find(String accountId, String email) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE account_id = :a AND email = :e").bind("a", accountId)
                .bind("e", email.toLowerCase(Locale.ROOT)).map(People::person).findOne());
    }

    Optional<String> groupOf(Handle h, String accountId, String email) {
        return h.createQuery("SELECT group_name FROM people WHERE account_id = :a AND email = :e").bind("a", accountId).bind("e", email)
                .mapTo(String.class).findOne().filter(g -> g != null && !g.isBlank());
    }

    private static final String SELECT = "SELECT account_id, email, name, group_name, active, scim_id, external_id, updated_at FROM people";

    static Person person(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Person(rs.getString("account_id"), rs.getString("email"), Optional.ofNullable(rs.getString("name")),
                Optional.ofNullable(rs.getString("group_name")), rs.getBoolean("active"), Optional.ofNullable(rs.getString("scim_id")),
                Optional.ofNullable(rs.getString("external_id")), rs.getTimestamp("updated_at").toInstant());
    }

    Jdbi jdbi() {
        return jdbi;
    }
}

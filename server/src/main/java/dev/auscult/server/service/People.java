package dev.auscult.server.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.auscult.server.store.Account;
import dev.auscult.server.store.PeopleStore;
import dev.auscult.server.store.Person;
import dev.auscult.server.store.Tx;

/** The people an organisation rolls Auscult out to: imported from a CSV directory or pushed over SCIM. */
public final class People {

    /** What an import did, row by row where something was wrong. */
    public record ImportResult(int added, int updated, List<String> problems) {
    }

    private final Tx tx;
    private final Audit audit;
    private final Clock clock;

    public People(Tx tx, Audit audit, Clock clock) {
        this.tx = tx;
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
    public ImportResult importCsv(Account account, String csv, Actor by) {
        by.require(Role.Permission.PEOPLE_AND_CODES, account.id());
        String actor = by.audited();
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        List<PeopleCsv.Row> rows = PeopleCsv.read(csv);
        tx.use(s -> {
            for (PeopleCsv.Row row : rows) {
                if (row.problem().isPresent()) {
                    problems.add((row.line() > 0 ? "line " + row.line() + ": " : "") + row.problem().get());
                } else if (upsert(account, new PeopleStore.PersonUpdate(row.email().orElseThrow(), row.name(), row.group(), true, Optional.empty(),
                        Optional.empty()))) {
                    counts[0]++;
                } else {
                    counts[1]++;
                }
            }
            audit.record(Optional.of(account.id()), actor, "people.import", counts[0] + " added, " + counts[1] + " updated, "
                    + problems.size() + " rows refused");
        });
        return new ImportResult(counts[0], counts[1], problems);
    }

    /** Inserts or updates one person; true when the person is new. Joins the caller's unit of work. */
    boolean upsert(Account account, PeopleStore.PersonUpdate person) {
        return tx.run(s -> s.people().upsert(account, person, clock.instant()));
    }

    public List<Person> all(Account account) {
        return tx.read(s -> s.people().all(account));
    }

    /** Active people with no device that still reports (never activated, or every device revoked). */
    public List<Person> withoutDevice(Account account) {
        return tx.read(s -> s.people().withoutDevice(account));
    }

    public Optional<Person> find(Account account, String email) {
        return tx.read(s -> s.people().find(account, email.toLowerCase(Locale.ROOT)));
    }

    /** The person's group, when they have one (a blank group is none). */
    Optional<String> groupOf(Account account, String email) {
        return find(account, email).flatMap(Person::group).filter(g -> !g.isBlank());
    }
}

package dev.auscult.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The storage floor on both engines: each store method does what it says in its account, and — one check per method —
 * the same call made with another account reads nothing of it and changes nothing of it, even with the right ids.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class StoresKeepAccountsApartTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path data;

    private Database db;
    private Tx tx;
    private final Account acme = new Account("acme");
    private final Account globex = new Account("globex");

    @BeforeEach
    void open() {
        db = Database.open(Optional.of(kind.freshUrl()), data, 4);
        db.migrate();
        tx = db.tx();
        db.jdbi().useHandle(h -> {
            for (Account a : List.of(acme, globex)) {
                h.createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (:id, :id, :t)").bind("id", a.id()).bind("t", T0).execute();
            }
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static DeviceStore.NewDevice device(String id, String owner, String uuid) {
        return new DeviceStore.NewDevice(id, owner, uuid, "hash-" + id, "linux", Optional.of("Debian"), Optional.of("13"), Optional.of("host-" + id),
                Optional.empty(), Optional.empty(), "1.0.0", Optional.empty(), Optional.empty(), Optional.empty(), T0);
    }

    @Test
    void devices() {
        tx.use(s -> s.devices().insert(acme, device("dev_a", "ann@acme.example", "uuid-1")));

        // read: the token lookup is the one across accounts, and says whose device it is
        assertEquals(acme, tx.read(s -> s.devices().activeByTokenHashAcrossAccounts("hash-dev_a")).orElseThrow().account());
        assertEquals(1, tx.read(s -> s.devices().list(acme, true)).size());
        assertEquals(List.of(), tx.read(s -> s.devices().list(globex, true)));
        assertTrue(tx.read(s -> s.devices().find(acme, "dev_a")).isPresent());
        assertTrue(tx.read(s -> s.devices().find(globex, "dev_a")).isEmpty());
        assertEquals(1, tx.read(s -> s.devices().notSeenSince(acme, T0.plusSeconds(1))).size());
        assertEquals(List.of(), tx.read(s -> s.devices().notSeenSince(globex, T0.plusSeconds(1))));
        assertEquals(List.of(), tx.read(s -> s.devices().othersOnHardware(globex, "uuid-1", "someone@globex.example")));
        assertEquals(List.of("dev_a (ann@acme.example)"), tx.read(s -> s.devices().othersOnHardware(acme, "uuid-1", "bob@acme.example")));

        // writes with the other account change nothing
        Instant later = T0.plusSeconds(600);
        tx.use(s -> s.devices().seen(globex, "dev_a", later));
        tx.use(s -> s.devices().reported(globex, "dev_a", new DeviceStore.Reported("r1", Optional.of("FAIL"), Optional.empty(), Optional.empty(),
                Optional.of("stolen"), "9.9.9", later)));
        assertEquals(0, (int) tx.run(s -> s.devices().revokeOwnersEarlier(globex, "uuid-1", "ann@acme.example", later)));
        assertFalse((boolean) tx.run(s -> s.devices().revoke(globex, "dev_a", later)));
        Device unchanged = tx.read(s -> s.devices().find(acme, "dev_a")).orElseThrow();
        assertEquals(T0, unchanged.lastSeenAt());
        assertEquals(Optional.of("host-dev_a"), unchanged.hostname());
        assertTrue(unchanged.revokedAt().isEmpty());

        // and with its own account they do
        tx.use(s -> s.devices().reported(acme, "dev_a", new DeviceStore.Reported("r1", Optional.of("PASS"), Optional.empty(), Optional.empty(),
                Optional.empty(), "1.0.1", later)));
        Device moved = tx.read(s -> s.devices().find(acme, "dev_a")).orElseThrow();
        assertEquals(later, moved.lastSeenAt());
        assertEquals(Optional.of("PASS"), moved.latestStatus());
        assertEquals(Optional.of("host-dev_a"), moved.hostname(), "what a report does not say is kept");
        tx.use(s -> s.devices().seen(acme, "dev_a", later.plusSeconds(1)));
        assertEquals(later.plusSeconds(1), tx.read(s -> s.devices().find(acme, "dev_a")).orElseThrow().lastSeenAt());
        assertTrue((boolean) tx.run(s -> s.devices().revoke(acme, "dev_a", later)));
        assertTrue(tx.read(s -> s.devices().activeByTokenHashAcrossAccounts("hash-dev_a")).isEmpty());
        assertEquals(List.of(), tx.read(s -> s.devices().list(acme, false)));
    }

    @Test
    void reports() {
        tx.use(s -> s.devices().insert(acme, device("dev_a", "ann@acme.example", "uuid-1")));
        var lines = List.of(new ReportStore.PracticeLine("firewall", "FAIL", Optional.of("FAIL")));
        tx.use(s -> {
            s.reports().insert(acme, new ReportStore.NewReport("dev_a", "r1", T0, Optional.of("2026-12-01T09:59:00Z"), Optional.of("FAIL"), "{}"), lines);
            s.devices().reported(acme, "dev_a", new DeviceStore.Reported("r1", Optional.of("FAIL"), Optional.empty(), Optional.empty(),
                    Optional.empty(), "1.0.0", T0));
            s.reports().dayStatus(acme, "dev_a", LocalDate.ofInstant(T0, ZoneOffset.UTC), Optional.of("FAIL"), T0);
        });
        assertEquals("r1", tx.read(s -> s.reports().latest(acme, "dev_a")).orElseThrow().reportId());
        assertTrue(tx.read(s -> s.reports().latest(globex, "dev_a")).isEmpty());
        assertEquals(1, tx.read(s -> s.reports().history(acme, "dev_a", 10)).size());
        assertEquals(List.of(), tx.read(s -> s.reports().history(globex, "dev_a", 10)));

        // the same report again is a duplicate, and the unit of work leaves nothing half done
        RuntimeException again = assertThrows(RuntimeException.class, () -> tx.use(s -> {
            s.reports().dayStatus(acme, "dev_a", LocalDate.ofInstant(T0, ZoneOffset.UTC), Optional.of("PASS"), T0.plusSeconds(5));
            s.reports().insert(acme, new ReportStore.NewReport("dev_a", "r1", T0, Optional.empty(), Optional.of("PASS"), "{}"), lines);
        }));
        assertTrue(Failures.isDuplicate(again));
        String day = db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM device_days WHERE device_id = 'dev_a'").mapTo(String.class).one());
        assertEquals("FAIL", day, "the failed unit of work's first write was rolled back");

        // another account cannot write this device's reports or days, on a day it has or a new one
        assertThrows(IllegalArgumentException.class, () -> tx.use(s -> s.reports().insert(globex,
                new ReportStore.NewReport("dev_a", "r2", T0, Optional.empty(), Optional.of("PASS"), "{}"), lines)));
        tx.use(s -> s.reports().dayStatus(globex, "dev_a", LocalDate.ofInstant(T0, ZoneOffset.UTC), Optional.of("PASS"), T0.plusSeconds(9)));
        tx.use(s -> s.reports().dayStatus(globex, "dev_a", LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(1), Optional.of("PASS"), T0.plusSeconds(9)));
        assertEquals(List.of("FAIL"), db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM device_days WHERE device_id = 'dev_a'").mapTo(String.class).list()));
        assertEquals(1, tx.read(s -> s.reports().history(acme, "dev_a", 10)).size());
        tx.use(s -> s.reports().dayStatus(acme, "dev_a", LocalDate.ofInstant(T0, ZoneOffset.UTC), Optional.of("PASS"), T0.plusSeconds(9)));
        assertEquals("PASS", db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM device_days WHERE device_id = 'dev_a'").mapTo(String.class).one()));

        // pruning keeps each device's latest report
        assertEquals(0, (int) tx.run(s -> s.reports().pruneAllAccounts(T0.plusSeconds(86_400), LocalDate.of(2026, 12, 2))));
        assertTrue(tx.read(s -> s.reports().latest(acme, "dev_a")).isPresent());
    }

    @Test
    void codes() {
        long first = tx.run(s -> s.codes().insert(acme, "ann@acme.example", "h1", T0, T0.plusSeconds(3600)));
        long second = tx.run(s -> s.codes().insert(acme, "ann@acme.example", "h2", T0, T0.plusSeconds(3600)));

        assertEquals(2, tx.read(s -> s.codes().list(acme)).size());
        assertEquals(List.of(), tx.read(s -> s.codes().list(globex)));
        assertTrue(tx.read(s -> s.codes().find(acme, "ann@acme.example", "h1")).isPresent());
        assertTrue(tx.read(s -> s.codes().find(globex, "ann@acme.example", "h1")).isEmpty());

        Instant now = T0.plusSeconds(60);
        assertFalse((boolean) tx.run(s -> s.codes().use(globex, "ann@acme.example", "h1", "dev_x", now)));
        assertFalse((boolean) tx.run(s -> s.codes().retire(globex, first, Retirement.REVOKED, now)));
        assertEquals(0, (int) tx.run(s -> s.codes().retireOthers(globex, "ann@acme.example", second, Retirement.REPLACED, now)));
        assertEquals(0, (int) tx.run(s -> s.codes().retirePending(globex, Optional.empty(), Retirement.REVOKED, now)));
        assertTrue(tx.read(s -> s.codes().list(acme)).stream().allMatch(c -> c.state(now).equals("pending")));

        assertEquals(1, (int) tx.run(s -> s.codes().retireOthers(acme, "ann@acme.example", second, Retirement.REPLACED, now)));
        assertFalse((boolean) tx.run(s -> s.codes().use(acme, "ann@acme.example", "h1", "dev_a", now)), "a replaced code does not work");
        assertTrue((boolean) tx.run(s -> s.codes().use(acme, "ann@acme.example", "h2", "dev_a", now)));
        assertFalse((boolean) tx.run(s -> s.codes().use(acme, "ann@acme.example", "h2", "dev_b", now)), "a code works once");
        CodeStatus replaced = tx.read(s -> s.codes().find(acme, "ann@acme.example", "h1")).orElseThrow();
        assertEquals(Optional.of(Retirement.REPLACED), replaced.retired());
        assertEquals("retired", replaced.state(now));

        long third = tx.run(s -> s.codes().insert(acme, "bob@acme.example", "h3", T0, T0.plusSeconds(3600)));
        assertTrue((boolean) tx.run(s -> s.codes().retire(acme, third, Retirement.REVOKED, now)));
        long fourth = tx.run(s -> s.codes().insert(acme, "bob@acme.example", "h4", T0, T0.plusSeconds(3600)));
        assertEquals(1, (int) tx.run(s -> s.codes().retirePending(acme, Optional.of("bob@acme.example"), Retirement.OFFBOARDED, now)));
        assertEquals("retired", tx.read(s -> s.codes().find(acme, "bob@acme.example", "h4")).orElseThrow().state(now));
        assertTrue(fourth > third);
    }

    @Test
    void audit() {
        tx.use(s -> {
            s.audit().append(Optional.of(acme), "cli:root", "device.proof-refused", "device dev_a: replayed", T0);
            s.audit().append(Optional.empty(), "cli:root", "account.create", "globex", T0);
            s.audit().append(Optional.of(acme), "cli:root", "x.long", "y".repeat(5000), T0);
        });
        assertEquals(2, tx.read(s -> s.audit().recent(acme, 10)).size());
        assertEquals(List.of(), tx.read(s -> s.audit().recent(globex, 10)));
        assertEquals(1, tx.read(s -> s.audit().refusedFor(acme, "dev_a", 10)).size());
        assertEquals(List.of(), tx.read(s -> s.audit().refusedFor(globex, "dev_a", 10)));
        assertEquals(2000, tx.read(s -> s.audit().recent(acme, 1)).getFirst().detail().length(), "a long detail is cut, not refused");
    }

    @Test
    void mailBatches() {
        long code = tx.run(s -> s.codes().insert(acme, "ann@acme.example", "h1", T0, T0.plusSeconds(3600)));
        tx.use(s -> s.mailBatches().add(acme, "send_1", List.of(new MailBatchStore.NewMail("ann@acme.example", "PENDING", Optional.empty()),
                new MailBatchStore.NewMail("bob@acme.example", "PENDING", Optional.empty()),
                new MailBatchStore.NewMail("eve@acme.example", "NO_PERSON", Optional.of("not in People"))), T0));

        assertTrue((boolean) tx.read(s -> s.mailBatches().exists(acme, "send_1")));
        assertFalse((boolean) tx.read(s -> s.mailBatches().exists(globex, "send_1")), "a batch id is not a key to another account");
        assertEquals(List.of(), tx.read(s -> s.mailBatches().toSend(globex, "send_1", 5)));
        assertEquals(List.of(), tx.read(s -> s.mailBatches().outcomes(globex, "send_1")));
        List<MailBatchStore.Pending> pending = tx.read(s -> s.mailBatches().toSend(acme, "send_1", 5));
        assertEquals(List.of("ann@acme.example", "bob@acme.example"), pending.stream().map(MailBatchStore.Pending::email).toList());

        tx.use(s -> s.mailBatches().sent(globex, pending.get(0).id(), code, T0));
        tx.use(s -> s.mailBatches().failed(globex, pending.get(1).id(), "stolen"));
        assertEquals(List.of("PENDING", "PENDING", "NO_PERSON"), tx.read(s -> s.mailBatches().outcomes(acme, "send_1")).stream().map(MailOutcome::status).toList());

        tx.use(s -> s.mailBatches().sent(acme, pending.get(0).id(), code, T0));
        tx.use(s -> s.mailBatches().failed(acme, pending.get(1).id(), "x".repeat(900)));
        List<MailOutcome> out = tx.read(s -> s.mailBatches().outcomes(acme, "send_1"));
        assertEquals(List.of("SENT", "FAILED", "NO_PERSON"), out.stream().map(MailOutcome::status).toList());
        assertEquals(500, out.get(1).problem().orElseThrow().length());
        assertEquals(List.of("bob@acme.example"), tx.read(s -> s.mailBatches().toSend(acme, "send_1", 5)).stream().map(MailBatchStore.Pending::email).toList());
        assertEquals(List.of(), tx.read(s -> s.mailBatches().toSend(acme, "send_1", 1)), "a recipient tried as often as allowed is not tried again");
    }

    @Test
    void aUnitOfWorkJoinsTheOneAlreadyOpen() {
        RuntimeException failed = assertThrows(IllegalStateException.class, () -> tx.use(outer -> {
            outer.audit().append(Optional.of(acme), "cli:root", "outer", "first", T0);
            tx.use(inner -> inner.audit().append(Optional.of(acme), "cli:root", "inner", "second", T0));
            throw new IllegalStateException("the outer work fails after the inner one finished");
        }));
        assertEquals("the outer work fails after the inner one finished", failed.getMessage());
        assertEquals(List.of(), tx.read(s -> s.audit().recent(acme, 10)), "the inner work was part of the outer one and went with it");
        assertTrue(tx.read(s -> s.accountNamed("acme")).isPresent());
        assertTrue(tx.read(s -> s.accountNamed("initech")).isEmpty());
    }
}

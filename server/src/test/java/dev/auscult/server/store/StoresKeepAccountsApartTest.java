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
        assertEquals(List.of(), tx.read(s -> s.devices().othersOnHardware(globex, "uuid-1", "someone@globex.example")));
        assertEquals(List.of("dev_a (ann@acme.example)"), tx.read(s -> s.devices().othersOnHardware(acme, "uuid-1", "bob@acme.example")));

        // writes with the other account change nothing
        Instant later = T0.plusSeconds(600);
        tx.use(s -> s.devices().seen(globex, "dev_a", later));
        tx.use(s -> s.devices().reported(globex, "dev_a", new DeviceStore.Reported("r1", Optional.of("FAIL"), Optional.empty(), Optional.empty(),
                Optional.of("stolen"), "9.9.9", later)));
        assertEquals(0, (int) tx.run(s -> s.devices().revokeOwnersEarlier(globex, "uuid-1", "ann@acme.example", later)));
        assertFalse((boolean) tx.run(s -> s.devices().revoke(globex, "dev_a", later)));
        assertEquals(List.of(), tx.run(s -> s.devices().revokeOwners(globex, "ann@acme.example", later)));
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
        tx.use(s -> s.devices().insert(acme, device("dev_b", "ann@acme.example", "uuid-2")));
        assertTrue((boolean) tx.run(s -> s.devices().revoke(acme, "dev_b", later)));
        tx.use(s -> s.devices().insert(acme, device("dev_c", "ann@acme.example", "uuid-3")));
        assertEquals(List.of("dev_a", "dev_c"), tx.run(s -> s.devices().revokeOwners(acme, "ann@acme.example", later)),
                "off-boarding revokes every active device of the person");
        assertFalse((boolean) tx.run(s -> s.devices().revoke(acme, "dev_a", later)), "a revoked device is not revoked again");
        assertTrue(tx.read(s -> s.devices().activeByTokenHashAcrossAccounts("hash-dev_a")).isEmpty());
        assertEquals(List.of(), tx.read(s -> s.devices().list(acme, false)));
    }

    @Test
    void deviceKeys() {
        tx.use(s -> s.devices().insert(acme, new DeviceStore.NewDevice("dev_k", "ann@acme.example", "uuid-k", "hash-k", "linux", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "1.0.0", Optional.of("{\"kty\":\"EC\"}"), Optional.of("thumb-1"),
                Optional.of("tpm"), T0)));

        assertEquals(Optional.of("thumb-1"), tx.read(s -> s.devices().activeKey(acme, "dev_k")).orElseThrow().thumbprint());
        assertTrue(tx.read(s -> s.devices().activeKey(globex, "dev_k")).isEmpty());
        assertEquals("dev_k", tx.read(s -> s.devices().activeByKey(acme, "thumb-1")).orElseThrow().deviceId());
        assertTrue(tx.read(s -> s.devices().activeByKey(globex, "thumb-1")).isEmpty(), "another organisation's device key counts for nothing here");

        assertFalse((boolean) tx.run(s -> s.devices().askKeyRotation(globex, "dev_k", T0)));
        assertTrue(tx.read(s -> s.devices().find(acme, "dev_k")).orElseThrow().keyRotationAskedAt().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> tx.use(s -> s.devices().replaceKey(globex, "dev_k", "{}", "thumb-x", "software", T0)));
        assertFalse((boolean) tx.run(s -> s.devices().spendProofId(globex, "dev_k", "jti-1", T0, T0.minusSeconds(600))));

        assertTrue((boolean) tx.run(s -> s.devices().spendProofId(acme, "dev_k", "jti-1", T0, T0.minusSeconds(600))));
        assertFalse((boolean) tx.run(s -> s.devices().spendProofId(acme, "dev_k", "jti-1", T0, T0.minusSeconds(600))), "a proof ID is spent once");
        assertTrue((boolean) tx.run(s -> s.devices().askKeyRotation(acme, "dev_k", T0)));
        assertEquals(Optional.of(T0), tx.read(s -> s.devices().find(acme, "dev_k")).orElseThrow().keyRotationAskedAt());
        tx.use(s -> s.devices().replaceKey(acme, "dev_k", "{\"kty\":\"EC\",\"x\":\"2\"}", "thumb-2", "tpm", T0.plusSeconds(5)));
        Device rotated = tx.read(s -> s.devices().find(acme, "dev_k")).orElseThrow();
        assertEquals(Optional.of("thumb-2"), rotated.keyThumbprint());
        assertTrue(rotated.keyRotationAskedAt().isEmpty(), "the request is answered");
        assertTrue((boolean) tx.run(s -> s.devices().spendProofId(acme, "dev_k", "jti-1", T0, T0.minusSeconds(600))),
                "the old key's proof IDs went with it");
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
        assertEquals(0, (int) tx.run(s -> s.reports().pruneAcrossAccounts(T0.plusSeconds(86_400), LocalDate.of(2026, 12, 2))));
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
        assertEquals(List.of(T0), tx.read(s -> s.audit().times(acme, "cli:root", "x.long", 5)));
        assertEquals(List.of(), tx.read(s -> s.audit().times(globex, "cli:root", "x.long", 5)));
        assertEquals(1, (int) tx.read(s -> s.audit().countAfter(acme, "cli:root", "x.long", T0.minusSeconds(1))));
        assertEquals(0, (int) tx.read(s -> s.audit().countAfter(globex, "cli:root", "x.long", T0.minusSeconds(1))));
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
    void people() {
        var ann = new PeopleStore.PersonUpdate("ann@acme.example", Optional.of("Ann"), Optional.of("eng"), true, Optional.of("usr_1"), Optional.empty());
        assertTrue((boolean) tx.run(s -> s.people().upsert(acme, ann, T0)));
        assertFalse((boolean) tx.run(s -> s.people().upsert(acme, ann, T0)), "the second time it is an update");

        assertEquals(1, tx.read(s -> s.people().all(acme)).size());
        assertEquals(List.of(), tx.read(s -> s.people().all(globex)));
        assertTrue(tx.read(s -> s.people().find(globex, "ann@acme.example")).isEmpty());
        assertTrue(tx.read(s -> s.people().byScimId(globex, "usr_1")).isEmpty());
        assertEquals(1, tx.read(s -> s.people().withoutDevice(acme)).size());
        assertEquals(List.of(), tx.read(s -> s.people().withoutDevice(globex)));

        var moved = new PeopleStore.PersonUpdate("ann.new@acme.example", Optional.of("Eve"), Optional.empty(), false, Optional.empty(), Optional.empty());
        assertFalse((boolean) tx.run(s -> s.people().replaceManaged(globex, "usr_1", moved, T0)));
        assertFalse((boolean) tx.run(s -> s.people().setActive(globex, "usr_1", false, T0)));
        Person still = tx.read(s -> s.people().byScimId(acme, "usr_1")).orElseThrow();
        assertEquals(Optional.of("Ann"), still.name());
        assertTrue(still.active());

        assertTrue((boolean) tx.run(s -> s.people().replaceManaged(acme, "usr_1", moved, T0)));
        assertEquals("ann.new@acme.example", tx.read(s -> s.people().byScimId(acme, "usr_1")).orElseThrow().email());
        assertTrue((boolean) tx.run(s -> s.people().setActive(acme, "usr_1", true, T0)));
        // a person with a device that reports is not "without a device"
        tx.use(s -> s.devices().insert(acme, device("dev_a", "ann.new@acme.example", "uuid-1")));
        assertEquals(List.of(), tx.read(s -> s.people().withoutDevice(acme)));
    }

    @Test
    void settings() {
        Settings acmeLook = new Settings(Optional.of("Acme"), Optional.of("#1f6feb"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("Hello"), Optional.of("https://auscult.acme.example"));
        tx.use(s -> s.settings().save(acme, acmeLook, "cli:root", T0));
        assertEquals(acmeLook, tx.read(s -> s.settings().get(acme)));
        assertEquals(Settings.none(), tx.read(s -> s.settings().get(globex)));
        tx.use(s -> s.settings().save(globex, Settings.none(), "cli:root", T0));
        assertEquals(acmeLook, tx.read(s -> s.settings().get(acme)), "saving another account's settings leaves these");
    }

    @Test
    void policies() {
        int v1 = tx.run(s -> s.policies().add(acme, new PolicyStore.NewVersion("baseline", "baseline.yaml", "{}", "firewall: ALWAYS\n", "cli:root", T0)));
        tx.use(s -> s.policies().assign(acme, "", v1, T0));
        assertEquals(1, v1);
        assertEquals(1, (int) tx.run(s -> s.policies().add(globex, new PolicyStore.NewVersion("other", "o.yaml", "{}", "", "cli:root", T0))),
                "versions count per account");

        assertTrue((boolean) tx.read(s -> s.policies().exists(acme, 1)));
        assertEquals(Optional.of(1), tx.read(s -> s.policies().assigned(acme, "")));
        assertEquals(Optional.empty(), tx.read(s -> s.policies().assigned(globex, "")));
        assertEquals(Optional.of("{}"), tx.read(s -> s.policies().document(acme, 1)));
        assertEquals(List.of("baseline"), tx.read(s -> s.policies().versions(acme)).stream().map(PolicyVersion::name).toList());
        assertEquals(List.of("other"), tx.read(s -> s.policies().versions(globex)).stream().map(PolicyVersion::name).toList());
        assertEquals(java.util.Map.of("", 1), tx.read(s -> s.policies().assignments(acme)));
        assertEquals(java.util.Map.of(), tx.read(s -> s.policies().assignments(globex)));

        // another account cannot put a version in force that it does not have
        tx.use(s -> s.policies().assign(globex, "eng", 7, T0));
        assertEquals(java.util.Map.of(), tx.read(s -> s.policies().assignments(globex)));
        assertFalse((boolean) tx.read(s -> s.policies().exists(globex, 7)));
    }

    @Test
    void admins() {
        tx.use(s -> {
            s.admins().insert(acme, "owner@acme.example", "hash-1", "OWNER", "password", T0);
            s.admins().insert(acme, "help@acme.example", "hash-2", "HELPDESK", "password", T0);
        });
        assertEquals(acme, tx.read(s -> s.admins().byNameAcrossAccounts("owner@acme.example")).orElseThrow().account());
        assertEquals(2, tx.read(s -> s.admins().list(acme)).size());
        assertEquals(List.of(), tx.read(s -> s.admins().list(globex)));
        assertFalse((boolean) tx.read(s -> s.admins().exists(globex, "owner@acme.example")));
        assertEquals(0, (int) tx.read(s -> s.admins().otherOwners(globex, "help@acme.example")));
        assertEquals(1, (int) tx.read(s -> s.admins().otherOwners(acme, "help@acme.example")));

        assertFalse((boolean) tx.run(s -> s.admins().setRole(globex, "help@acme.example", "OWNER")));
        assertFalse((boolean) tx.run(s -> s.admins().setPassword(globex, "help@acme.example", "stolen")));
        assertFalse((boolean) tx.run(s -> s.admins().remove(globex, "help@acme.example")));
        assertThrows(IllegalArgumentException.class, () -> tx.use(s -> s.admins().openSession(globex, "owner@acme.example", "sid-x", "csrf", T0,
                T0.plusSeconds(60))), "a session is opened for a name of the account only");
        var help = tx.read(s -> s.admins().byNameAcrossAccounts("help@acme.example")).orElseThrow();
        assertEquals("HELPDESK", help.role());
        assertEquals("hash-2", help.passwordHash());

        tx.use(s -> s.admins().openSession(acme, "help@acme.example", "sid-1", "csrf-1", T0, T0.plusSeconds(60)));
        assertEquals(acme, tx.read(s -> s.admins().sessionAcrossAccounts("sid-1", T0.plusSeconds(1))).orElseThrow().account());
        assertTrue(tx.read(s -> s.admins().sessionAcrossAccounts("sid-1", T0.plusSeconds(61))).isEmpty(), "an expired session is none");
        assertTrue((boolean) tx.run(s -> s.admins().setPassword(acme, "help@acme.example", "hash-3")));
        assertTrue(tx.read(s -> s.admins().sessionAcrossAccounts("sid-1", T0.plusSeconds(1))).isEmpty(), "a new password ends the sessions");
        tx.use(s -> s.admins().openSession(acme, "help@acme.example", "sid-2", "csrf-2", T0, T0.plusSeconds(60)));
        tx.use(s -> s.admins().endSessionAcrossAccounts("sid-2"));
        assertTrue(tx.read(s -> s.admins().sessionAcrossAccounts("sid-2", T0.plusSeconds(1))).isEmpty());
        assertTrue((boolean) tx.run(s -> s.admins().setRole(acme, "help@acme.example", "OWNER")));
        assertTrue((boolean) tx.run(s -> s.admins().remove(acme, "help@acme.example")));
        assertEquals(List.of("owner@acme.example"), tx.read(s -> s.admins().list(acme)).stream().map(AdminStore.Listed::username).toList());
    }

    @Test
    void fleet() {
        tx.use(s -> {
            s.devices().insert(acme, device("dev_a", "ann@acme.example", "uuid-1"));
            s.reports().insert(acme, new ReportStore.NewReport("dev_a", "r1", T0, Optional.empty(), Optional.of("FAIL"), "{}"),
                    List.of(new ReportStore.PracticeLine("firewall", "x", Optional.of("FAIL"))));
            s.devices().reported(acme, "dev_a", new DeviceStore.Reported("r1", Optional.of("FAIL"), Optional.empty(), Optional.empty(),
                    Optional.empty(), "1.2.0", T0));
            s.reports().dayStatus(acme, "dev_a", LocalDate.of(2026, 12, 1), Optional.of("FAIL"), T0);
        });
        DeviceFilter everything = new DeviceFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
                "seen", true, 1);
        DeviceFilter failingFirewall = new DeviceFilter(Optional.of("firewall"), Optional.of("FAIL"), Optional.empty(), Optional.empty(), false,
                Optional.of("host"), "owner", false, 1);

        assertEquals(1, (int) tx.read(s -> s.fleet().activeDevices(acme)));
        assertEquals(0, (int) tx.read(s -> s.fleet().activeDevices(globex)));
        assertEquals(java.util.Map.of("FAIL", 1), tx.read(s -> s.fleet().statuses(acme)));
        assertEquals(java.util.Map.of(), tx.read(s -> s.fleet().statuses(globex)));
        assertEquals(java.util.Map.of("firewall", 1), tx.read(s -> s.fleet().failingByPractice(acme)));
        assertEquals(java.util.Map.of(), tx.read(s -> s.fleet().failingByPractice(globex)));
        assertEquals(1, (int) tx.read(s -> s.fleet().notSeenSince(acme, T0.plusSeconds(1))));
        assertEquals(0, (int) tx.read(s -> s.fleet().notSeenSince(globex, T0.plusSeconds(1))));
        assertEquals(java.util.Map.of("1.2.0", 1), tx.read(s -> s.fleet().agentVersions(acme)));
        assertEquals(java.util.Map.of(), tx.read(s -> s.fleet().agentVersions(globex)));
        assertEquals(List.of(new FleetStore.DayCount(LocalDate.of(2026, 12, 1), 1, 0)), tx.read(s -> s.fleet().days(acme, LocalDate.of(2026, 11, 1))));
        assertEquals(List.of(), tx.read(s -> s.fleet().days(globex, LocalDate.of(2026, 11, 1))));
        assertEquals(1, tx.read(s -> s.fleet().select(acme, failingFirewall, T0, true)).total());
        assertEquals(1, tx.read(s -> s.fleet().select(acme, everything, T0, false)).devices().size());
        assertEquals(0, tx.read(s -> s.fleet().select(globex, everything, T0, true)).total());
        assertEquals(List.of(), tx.read(s -> s.fleet().select(globex, failingFirewall, T0, false)).devices());

        // the command line's list: revoked devices only when asked for, stale ones by the time it chooses
        tx.use(s -> s.devices().revoke(acme, "dev_a", T0));
        assertEquals(0, tx.read(s -> s.fleet().select(acme, DeviceFilter.all(false, "owner", false), T0, false)).devices().size());
        assertEquals(1, tx.read(s -> s.fleet().select(acme, DeviceFilter.all(false, "owner", true), T0, false)).devices().size());
        assertEquals(1, tx.read(s -> s.fleet().select(acme, DeviceFilter.all(true, "seen", true), T0.plusSeconds(1), false)).devices().size());
        assertEquals(0, tx.read(s -> s.fleet().select(acme, DeviceFilter.all(true, "seen", true), T0, false)).devices().size());
        assertEquals(0, tx.read(s -> s.fleet().select(globex, DeviceFilter.all(false, "owner", true), T0, false)).devices().size());
    }

    @Test
    void signInGrants() {
        long id = tx.run(s -> s.grants().add(acme, Optional.of("ann@acme.example"), Optional.of("firewall"), "board meeting", T0.plusSeconds(86_400),
                "cli:root", T0));
        assertEquals(List.of(id), tx.read(s -> s.grants().recent(acme, 10)).stream().map(SignInGrant::id).toList());
        assertEquals(List.of(), tx.read(s -> s.grants().recent(globex, 10)));
        assertFalse((boolean) tx.run(s -> s.grants().revoke(globex, id, T0)));
        assertTrue(tx.read(s -> s.grants().recent(acme, 10)).getFirst().covers("ann@acme.example", "firewall", T0.plusSeconds(1)));
        assertTrue((boolean) tx.run(s -> s.grants().revoke(acme, id, T0)));
        assertFalse(tx.read(s -> s.grants().recent(acme, 10)).getFirst().covers("ann@acme.example", "firewall", T0.plusSeconds(1)));
    }

    @Test
    void signInClients() {
        tx.use(s -> s.signInClients().add(acme, "asc-client-1", "Acme SSO", "secret-hash", List.of("https://sso.acme.example/cb",
                "http://localhost:8080/cb"), "cli:root", T0));
        SignInClient client = tx.read(s -> s.signInClients().byIdAcrossAccounts("asc-client-1")).orElseThrow();
        assertEquals("acme", client.accountId());
        assertEquals(List.of("https://sso.acme.example/cb", "http://localhost:8080/cb"), client.redirectUris());
        assertEquals(Optional.of("secret-hash"), tx.read(s -> s.signInClients().activeSecretHashAcrossAccounts("asc-client-1")));
        assertEquals(1, tx.read(s -> s.signInClients().list(acme)).size());
        assertEquals(List.of(), tx.read(s -> s.signInClients().list(globex)));
        assertFalse((boolean) tx.run(s -> s.signInClients().revoke(globex, "asc-client-1", T0)));
        assertTrue(tx.read(s -> s.signInClients().activeSecretHashAcrossAccounts("asc-client-1")).isPresent());
        assertTrue((boolean) tx.run(s -> s.signInClients().revoke(acme, "asc-client-1", T0)));
        assertTrue(tx.read(s -> s.signInClients().activeSecretHashAcrossAccounts("asc-client-1")).isEmpty(), "a revoked client cannot authenticate");
        assertFalse(tx.read(s -> s.signInClients().byIdAcrossAccounts("asc-client-1")).orElseThrow().allows("https://sso.acme.example/cb"));
    }

    @Test
    void signIns() {
        tx.use(s -> s.signInClients().add(acme, "asc-client-1", "Acme SSO", "secret-hash", List.of("https://sso.acme.example/cb"), "cli:root", T0));
        tx.use(s -> s.signIns().add(SignIn.begun("si-1", acme, "asc-client-1", "https://sso.acme.example/cb", Optional.of("st"), Optional.of("n"),
                Optional.empty(), Optional.of("ann@acme.example"), "browser-hash", "challenge-hash", T0, T0.plusSeconds(900), "code",
                Optional.empty(), Optional.empty(), Optional.empty())));
        SignIn begun = tx.read(s -> s.signIns().byChallengeHashAcrossAccounts("challenge-hash")).orElseThrow();
        assertEquals(acme, begun.account(), "the lookup by what the device holds proves the account");
        assertEquals(Optional.of("ann@acme.example"), begun.loginHint());
        assertTrue(begun.decision().isEmpty());

        tx.use(s -> s.signIns().answer(globex, "si-1", "dev-x", "eve@globex.example", T0, "ALLOWED", ""));
        assertTrue(tx.read(s -> s.signIns().byIdAcrossAccounts("si-1")).orElseThrow().deviceId().isEmpty(), "another account's answer changes nothing");
        assertEquals(List.of(), tx.read(s -> s.signIns().decisions(acme, Optional.empty(), 10)));
        tx.use(s -> s.signIns().answer(acme, "si-1", "dev-1", "ann@acme.example", T0.plusSeconds(5), "DENIED", "firewall\tblock\tFAIL\t\toff\n"));
        SignIn answered = tx.read(s -> s.signIns().byIdAcrossAccounts("si-1")).orElseThrow();
        assertEquals(Optional.of("dev-1"), answered.deviceId());
        assertEquals(Optional.of("DENIED"), answered.decision());
        assertEquals(List.of("Acme SSO DENIED dev-1"), tx.read(s -> s.signIns().decisions(acme, Optional.of("dev-1"), 10)).stream()
                .map(d -> d.site() + " " + d.decision() + " " + d.deviceId()).toList());
        assertEquals(List.of(), tx.read(s -> s.signIns().decisions(globex, Optional.empty(), 10)));
        assertEquals(java.util.Map.of("DENIED", 1), tx.read(s -> s.signIns().counts(acme, T0)));
        assertEquals(java.util.Map.of(), tx.read(s -> s.signIns().counts(globex, T0)));

        tx.use(s -> s.signIns().snooze(globex, "si-1", T0.plusSeconds(6)));
        assertEquals(0, (int) tx.read(s -> s.signIns().snoozesSince(acme, "ann@acme.example", T0)));
        tx.use(s -> s.signIns().snooze(acme, "si-1", T0.plusSeconds(6)));
        tx.use(s -> s.signIns().snooze(acme, "si-1", T0.plusSeconds(7)));
        assertEquals(1, (int) tx.read(s -> s.signIns().snoozesSince(acme, "ann@acme.example", T0)), "a sign-in is snoozed once");
        assertEquals(0, (int) tx.read(s -> s.signIns().snoozesSince(globex, "ann@acme.example", T0)));

        assertFalse((boolean) tx.run(s -> s.signIns().issueCode(globex, "si-1", "code-hash", T0.plusSeconds(60))));
        assertTrue((boolean) tx.run(s -> s.signIns().issueCode(acme, "si-1", "code-hash", T0.plusSeconds(60))));
        assertFalse((boolean) tx.run(s -> s.signIns().issueCode(acme, "si-1", "code-hash-2", T0.plusSeconds(60))), "one code per sign-in");
        assertEquals("si-1", tx.read(s -> s.signIns().byCodeHashAcrossAccounts("code-hash")).orElseThrow().id());

        assertFalse((boolean) tx.run(s -> s.signIns().redeem(globex, "si-1", T0, "token-hash", T0.plusSeconds(300))));
        assertTrue((boolean) tx.run(s -> s.signIns().redeem(acme, "si-1", T0, "token-hash", T0.plusSeconds(300))));
        assertFalse((boolean) tx.run(s -> s.signIns().redeem(acme, "si-1", T0, "token-hash-2", T0.plusSeconds(300))), "a code is spent once");
        assertTrue(tx.read(s -> s.signIns().byLiveTokenHashAcrossAccounts("token-hash", T0.plusSeconds(1))).isPresent());
        tx.use(s -> s.signIns().revokeToken(globex, "si-1", T0.plusSeconds(2)));
        assertTrue(tx.read(s -> s.signIns().byLiveTokenHashAcrossAccounts("token-hash", T0.plusSeconds(3))).isPresent());
        tx.use(s -> s.signIns().revokeToken(acme, "si-1", T0.plusSeconds(2)));
        assertTrue(tx.read(s -> s.signIns().byLiveTokenHashAcrossAccounts("token-hash", T0.plusSeconds(3))).isEmpty());

        tx.use(s -> s.signIns().end(globex, "si-1", T0));
        assertEquals(T0.plusSeconds(900), tx.read(s -> s.signIns().byIdAcrossAccounts("si-1")).orElseThrow().expiresAt());
        tx.use(s -> s.signIns().end(acme, "si-1", T0));
        assertEquals(T0, tx.read(s -> s.signIns().byIdAcrossAccounts("si-1")).orElseThrow().expiresAt());
        assertFalse((boolean) tx.run(s -> s.signIns().markPosted(acme, "si-1", T0)), "the code was given: no ID token is posted as well");
    }

    @Test
    void deliveries() {
        tx.use(s -> s.devices().insert(acme, device("dev-1", "ann@acme.example", "uuid-1")));
        long hook = tx.run(s -> s.deliveries().addTarget(acme, DeliveryTarget.Kind.WEBHOOK, "SIEM", "https://siem.acme.example/hook",
                Optional.of("whsec_x"), Optional.empty(), T0, "cli:root"));
        long stream = tx.run(s -> s.deliveries().addTarget(acme, DeliveryTarget.Kind.SSF, "IdP", "https://idp.acme.example/ssf",
                Optional.empty(), Optional.of("https://idp.acme.example/ssf"), T0, "cli:root"));
        assertEquals(List.of(hook, stream), tx.read(s -> s.deliveries().targets(acme)).stream().map(DeliveryTarget::id).toList());
        assertEquals(List.of(), tx.read(s -> s.deliveries().targets(globex)));
        assertTrue(tx.read(s -> s.deliveries().target(globex, hook)).isEmpty());

        tx.use(s -> s.deliveries().describeStream(globex, stream, Optional.of("urn:revoked"), Optional.of("theirs")));
        assertEquals(List.of(hook, stream), tx.read(s -> s.deliveries().activeTargetsTaking(acme, "urn:compliance")));
        tx.use(s -> s.deliveries().describeStream(acme, stream, Optional.of("urn:revoked"), Optional.of("Okta")));
        assertEquals(List.of(hook), tx.read(s -> s.deliveries().activeTargetsTaking(acme, "urn:compliance")), "a stream gets only what it asked for");
        assertEquals(List.of(), tx.read(s -> s.deliveries().activeTargetsTaking(globex, "urn:compliance")));
        assertEquals(Optional.of("Okta"), tx.read(s -> s.deliveries().target(acme, stream)).orElseThrow().description());

        assertEquals(Optional.of("ann@acme.example"), tx.read(s -> s.deliveries().card(acme, "dev-1")).map(DeliveryStore.DeviceCard::owner));
        assertTrue(tx.read(s -> s.deliveries().card(globex, "dev-1")).isEmpty());
        assertFalse(tx.read(s -> s.deliveries().lastTold(acme, "dev-1")).reported(), "no report yet: nothing told");

        tx.use(s -> s.deliveries().enqueue(globex, "dev-1", List.of(hook), "evt-theirs", "device.revoked", "{}", T0));
        assertEquals(0, (int) tx.read(s -> s.deliveries().backlog(acme)), "an event cannot be queued for another account's target");
        tx.use(s -> s.deliveries().enqueue(acme, "dev-1", List.of(hook), "evt-1", "device.revoked", "{}", T0));
        assertEquals(1, (int) tx.read(s -> s.deliveries().backlog(acme)));
        assertEquals(0, (int) tx.read(s -> s.deliveries().backlog(globex)));
        assertEquals(1, tx.read(s -> s.deliveries().target(acme, hook)).orElseThrow().backlog());
        assertEquals(List.of(), tx.read(s -> s.deliveries().lastForDevice(globex, "dev-1", 10)));
        assertEquals(List.of("device.revoked SIEM"), tx.read(s -> s.deliveries().lastForDevice(acme, "dev-1", 10)).stream()
                .map(d -> d.eventType() + " " + d.targetName()).toList());

        List<ClaimedDelivery> claimed = tx.run(s -> s.deliveries().claimAcrossAccounts("w1", 10, T0, T0.plusSeconds(60)));
        assertEquals(List.of("evt-1"), claimed.stream().map(ClaimedDelivery::eventId).toList());
        assertEquals(Optional.of("whsec_x"), claimed.getFirst().secret());
        assertEquals(List.of(), tx.run(s -> s.deliveries().claimAcrossAccounts("w2", 10, T0.plusSeconds(1), T0.plusSeconds(61))),
                "a claimed delivery is not claimed twice");
        tx.use(s -> s.deliveries().markSentAcrossAccounts(claimed, List.of("200"), T0.plusSeconds(2)));
        assertEquals(0, (int) tx.read(s -> s.deliveries().backlog(acme)));

        tx.use(s -> s.deliveries().pauseStream(globex, stream, Optional.of(T0)));
        assertTrue(tx.read(s -> s.deliveries().target(acme, stream)).orElseThrow().pausedAt().isEmpty());
        assertFalse((boolean) tx.run(s -> s.deliveries().disableTarget(globex, hook, T0)));
        assertTrue((boolean) tx.run(s -> s.deliveries().disableTarget(acme, hook, T0)));
        assertEquals(List.of(), tx.read(s -> s.deliveries().activeTargetsTaking(acme, "urn:compliance")));

        assertEquals(List.of(), tx.read(s -> s.deliveries().silentAcrossAccounts(T0, 10)), "seen at T0: not silent before it");
        List<DeliveryStore.Silent> silent = tx.read(s -> s.deliveries().silentAcrossAccounts(T0.plusSeconds(1), 10));
        assertEquals(List.of(acme), silent.stream().map(DeliveryStore.Silent::account).toList(), "the sweep proves the account it found");
        assertFalse((boolean) tx.run(s -> s.deliveries().markToldSilent(globex, "dev-1", T0)));
        assertTrue((boolean) tx.run(s -> s.deliveries().markToldSilent(acme, "dev-1", T0)));
        assertTrue(tx.read(s -> s.deliveries().lastTold(acme, "dev-1")).pushedAsSilent());
        assertTrue(tx.read(s -> s.deliveries().latestReport(globex, "dev-1")).isEmpty());
        assertEquals("uuid-1", tx.read(s -> s.deliveries().latestReport(acme, "dev-1")).orElseThrow().deviceUuid());
    }

    @Test
    void sso() {
        var provider = new SsoStore.Provider("https://sso.acme.example/realms/acme", "auscult", "groups", "admins=OWNER", true, T0, "cli:root");
        assertThrows(IllegalArgumentException.class, () -> tx.use(s -> s.sso().save(acme, provider, Optional.empty())), "a first save needs a secret");
        tx.use(s -> s.sso().save(acme, provider, Optional.of("client-secret")));
        assertEquals(Optional.of(provider), tx.read(s -> s.sso().find(acme)));
        assertEquals(Optional.empty(), tx.read(s -> s.sso().find(globex)));
        assertEquals(Optional.empty(), tx.read(s -> s.sso().clientSecret(globex)));
        assertTrue(tx.read(s -> s.sso().find(acme)).orElseThrow().passwordOwnersOnly());
        assertTrue(tx.read(s -> s.sso().find(globex)).isEmpty(), "another account has no provider, so nothing keeps its passwords for owners");
        tx.use(s -> s.sso().save(acme, new SsoStore.Provider("https://sso.acme.example/realms/acme", "auscult-2", "roles", "admins=OWNER", false,
                T0.plusSeconds(1), "cli:root"), Optional.empty()));
        assertEquals(Optional.of("client-secret"), tx.read(s -> s.sso().clientSecret(acme)), "an empty secret keeps the saved one");
        assertEquals(List.of("acme"), tx.read(s -> s.sso().accountsWithProviderAcrossAccounts()));

        tx.use(s -> s.sso().addPending(acme, "cookie-hash", "state", "nonce", "verifier", T0, T0.minusSeconds(600)));
        assertEquals(acme, tx.run(s -> s.sso().takePendingAcrossAccounts("cookie-hash")).orElseThrow().account());
        assertTrue(tx.run(s -> s.sso().takePendingAcrossAccounts("cookie-hash")).isEmpty(), "a pending sign-in is taken once");
    }

    @Test
    void attemptCountersAreCountedAtomicallyAndClearedByPrefix() {
        Instant windowStart = T0.minusSeconds(900);
        assertEquals(1, tx.run(s -> s.attempts().count("signin:pair:ann@acme.example|10.0.0.1", T0, windowStart, T0.minusSeconds(3600))).tries());
        assertEquals(2, tx.run(s -> s.attempts().count("signin:pair:ann@acme.example|10.0.0.1", T0, windowStart, T0.minusSeconds(3600))).tries());
        tx.use(s -> s.attempts().hold("signin:pair:ann@acme.example|10.0.0.1", 1, T0.plusSeconds(30), T0));
        var held = tx.run(s -> s.attempts().count("signin:pair:ann@acme.example|10.0.0.1", T0.plusSeconds(1), windowStart, T0.minusSeconds(3600)));
        assertEquals(Optional.of(T0.plusSeconds(30)), held.heldUntil());
        assertEquals(0, held.tries(), "a held key's count stays where the hold left it");
        tx.run(s -> s.attempts().count("signin:pair:a_n@acme.example|10.0.0.1", T0, windowStart, T0.minusSeconds(3600)));
        assertEquals(1, (int) tx.run(s -> s.attempts().clearAll("signin:pair:ann@")), "LIKE's wildcards in a name are taken literally");
        assertEquals(1, (int) tx.read(s -> s.attempts().tries("signin:pair:a_n@acme.example|10.0.0.1")));
        tx.use(s -> s.attempts().giveBack("signin:pair:a_n@acme.example|10.0.0.1"));
        assertEquals(0, (int) tx.read(s -> s.attempts().tries("signin:pair:a_n@acme.example|10.0.0.1")));
    }

    @Test
    void signingKeysAreTheServersOwn() {
        assertTrue(tx.read(s -> s.signingKeys().newest()).isEmpty());
        tx.use(s -> s.signingKeys().add("k1", "{\"kid\":\"k1\"}", T0, T0.plusSeconds(100)));
        tx.use(s -> s.signingKeys().add("k2", "{\"kid\":\"k2\"}", T0.plusSeconds(10), T0.plusSeconds(200)));
        assertEquals("{\"kid\":\"k2\"}", tx.read(s -> s.signingKeys().newest()).orElseThrow().privateJwk());
        assertEquals(List.of("{\"kid\":\"k2\"}", "{\"kid\":\"k1\"}"), tx.read(s -> s.signingKeys().inUse(T0.plusSeconds(50))));
        assertEquals(List.of("{\"kid\":\"k2\"}"), tx.read(s -> s.signingKeys().inUse(T0.plusSeconds(150))), "a retired key is not published");
    }

    @Test
    void tokens() {
        long id = tx.run(s -> s.tokens().addApiToken(acme, "ticketing", "api-hash", "HELPDESK", "cli:root", T0, T0.plusSeconds(3600)));
        tx.use(s -> s.tokens().addScimToken(acme, "scim-hash", T0));

        assertEquals(acme, tx.run(s -> s.tokens().apiTokenHolderAcrossAccounts("api-hash", T0.plusSeconds(1))).orElseThrow().account());
        assertEquals(Optional.of(T0.plusSeconds(1)), tx.read(s -> s.tokens().apiTokens(acme)).getFirst().lastUsedAt(), "marked used");
        assertTrue(tx.run(s -> s.tokens().apiTokenHolderAcrossAccounts("api-hash", T0.plusSeconds(3601))).isEmpty(), "an expired token is none");
        assertEquals(List.of(), tx.read(s -> s.tokens().apiTokens(globex)));
        assertEquals(Optional.of(acme), tx.read(s -> s.tokens().scimTokenHolderAcrossAccounts("scim-hash")));
        assertEquals(1, (int) tx.read(s -> s.tokens().scimTokenCount(acme)));
        assertEquals(0, (int) tx.read(s -> s.tokens().scimTokenCount(globex)));

        assertFalse((boolean) tx.run(s -> s.tokens().revokeApiToken(globex, id, T0)));
        assertTrue(tx.run(s -> s.tokens().apiTokenHolderAcrossAccounts("api-hash", T0.plusSeconds(2))).isPresent());
        assertTrue((boolean) tx.run(s -> s.tokens().revokeApiToken(acme, id, T0)));
        assertTrue(tx.run(s -> s.tokens().apiTokenHolderAcrossAccounts("api-hash", T0.plusSeconds(2))).isEmpty(), "a revoked token is none");
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
        assertEquals(Optional.of(acme), tx.read(s -> s.accounts().named("acme")).map(Organisation::account));
        assertTrue(tx.read(s -> s.accounts().named("initech")).isEmpty());
        assertFalse((boolean) tx.run(s -> s.accounts().create("acme", "Another Acme", T0)), "an account id is taken once");
        assertEquals(List.of("acme", "globex"), tx.read(s -> s.accounts().all()).stream().map(Organisation::id).toList());
    }
}

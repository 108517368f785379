package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.MailOutcome;
import dev.auscult.server.store.CodeStatus;
import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.OsPlatform;
import dev.auscult.server.mail.Mailer;
import dev.auscult.server.service.ActivationCodes;
import dev.auscult.server.service.ActivationSender;
import dev.auscult.server.service.Audience;
import dev.auscult.sync.Activator;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.FileCredentialStore;
import dev.auscult.sync.SyncStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Codes do not pile up: one live code per person — a new one replaces the earlier, activating retires the rest —
 * and a code that no longer works says why (replaced, expired) in the agent's own words. A send that fails keeps
 * the code the person has; an address that is not in People is reported, not mailed.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class OneLiveCodeTest {

    @Parameter
    TestDatabases.Kind db;

    @TempDir
    Path agentHome;

    /** The server's clock, moved by the test (a code's lifetime is 14 days). */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T09:00:00Z"));
    private final List<Mailer.Message> mailbox = new CopyOnWriteArrayList<>();
    private final AtomicBoolean mailDown = new AtomicBoolean();
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Mailer mailer = m -> {
            if (mailDown.get()) {
                throw new Mailer.MailException("the SMTP server refused the connection");
            }
            mailbox.add(m);
        };
        server = RunningServer.start(db.freshUrl(), mailer, clock, true);
        server.services.accounts().create("acme", "Acme", "test");
        server.services.people().importCsv(new Account("acme"), "alice@acme.example,Alice,eng\n", Actor.cli("acme", "test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String lastCodeTo(String email) {
        Mailer.Message m = mailbox.reversed().stream().filter(x -> x.to().equals(email)).findFirst().orElseThrow();
        Matcher code = Pattern.compile("Code:\\s+([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})").matcher(m.text());
        assertTrue(code.find());
        return code.group(1);
    }

    private BackendException.Kind refusal(String email, String code) {
        return assertThrows(BackendException.class, () -> activate(email, code)).kind();
    }

    private void activate(String email, String code) throws Exception {
        new Activator(new SyncStateStore(agentHome.resolve("config"), agentHome.resolve("state")),
                new FileCredentialStore(agentHome.resolve("config/credentials.json")), Clock.systemUTC(), "0.1.0", Map.of())
                .activate(server.graphql(), email, "acme", code, new DeviceFacts(OsPlatform.LINUX, Optional.of("Debian GNU/Linux"),
                        Optional.of("13"), Optional.empty(), Optional.of("debian"), List.of(), Optional.empty(), Optional.of("alice-laptop"),
                        Optional.empty(), Optional.empty(), dev.auscult.posture.Finding.plain("os-release"), List.of()), "uuid-alice", true);
    }

    private List<CodeStatus> codes() {
        return server.services.codes().list(new Account("acme"));
    }

    @Test
    void aResendReplacesTheEarlierCodeAndTheAgentSaysSo() throws Exception {
        server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("alice@acme.example")), Actor.cli("acme", "admin"));
        String first = lastCodeTo("alice@acme.example");
        server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("alice@acme.example")), Actor.cli("acme", "admin"));
        String second = lastCodeTo("alice@acme.example");
        assertEquals(List.of("pending", "retired"), codes().stream().map(c -> c.state(now.get())).toList(), "newest first: one live code");
        assertEquals("replaced by a newer code", codes().getLast().why());

        assertEquals(BackendException.Kind.CODE_REPLACED, refusal("alice@acme.example", first));
        activate("alice@acme.example", second);
        assertEquals("used", codes().getFirst().state(now.get()));
    }

    @Test
    void activatingRetiresThePersonsOtherCodes() throws Exception {
        String one = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        String two = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();   // e.g. a CSV and a mail, both pending
        activate("alice@acme.example", two);
        CodeStatus other = codes().stream().filter(c -> c.usedAt().isEmpty()).findFirst().orElseThrow();
        assertEquals("retired", other.state(now.get()));
        assertEquals("the person activated a device", other.why());
        assertEquals(BackendException.Kind.INVALID_CODE, refusal("alice@acme.example", one), "withdrawn: ask for a new one");
    }

    @Test
    void anExpiredCodeSaysExpiredNotWrong() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        now.set(now.get().plus(Duration.ofDays(15)));
        BackendException e = assertThrows(BackendException.class, () -> activate("alice@acme.example", code));
        assertEquals(BackendException.Kind.CODE_EXPIRED, e.kind());
        assertTrue(e.getMessage().contains("expired on 2026-12-20"), e.getMessage());
        // a code issued for someone else gets the answer a wrong code gets: nothing about that person's code
        assertEquals(BackendException.Kind.INVALID_CODE, refusal("mallory@acme.example", code));
    }

    @Test
    void aSendThatFailsKeepsTheCodeThePersonHas() throws Exception {
        server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("alice@acme.example")), Actor.cli("acme", "admin"));
        String delivered = lastCodeTo("alice@acme.example");
        mailDown.set(true);
        ActivationSender.SendReport failed = server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("alice@acme.example")), Actor.cli("acme", "admin"));
        assertEquals(1, failed.failed());
        activate("alice@acme.example", delivered);
    }

    @Test
    void anAddressNotInPeopleIsReportedNotMailedUnlessTheAdminAddsIt() {
        ActivationSender.SendReport r = server.services.sender().send(new Account("acme"),
                new Audience.Listed(List.of("alice@acme.example", "alcie@acme.example")), Actor.cli("acme", "admin"));
        assertEquals(1, r.sent());
        assertEquals(1, r.notInPeople());
        MailOutcome typo = r.outcomes().stream().filter(o -> o.email().equals("alcie@acme.example")).findFirst().orElseThrow();
        assertTrue(typo.problem().orElseThrow().startsWith("not in People"), typo.toString());
        assertTrue(server.services.people().find(new Account("acme"), "alcie@acme.example").isEmpty(), "a typo does not become a person");
        assertTrue(mailbox.stream().noneMatch(m -> m.to().equals("alcie@acme.example")));
        assertEquals(1, server.services.sender().resume(new Account("acme"), r.batchId(), Actor.cli("acme", "admin")).orElseThrow().notInPeople(), "resuming does not mail it either");
        assertTrue(mailbox.stream().noneMatch(m -> m.to().equals("alcie@acme.example")));

        ActivationSender.SendReport added = server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("carol@acme.example"), true), Actor.cli("acme", "admin"));
        assertEquals(1, added.sent());
        assertTrue(server.services.people().find(new Account("acme"), "carol@acme.example").isPresent());
    }
}

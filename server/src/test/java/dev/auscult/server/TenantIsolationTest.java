package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.mail.Mailer;
import dev.auscult.server.service.Audience;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Account A's administrator gets nothing of account B's, whatever B's identifiers A holds: isolation never rests on a secret ID. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class TenantIsolationTest {

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private final List<Mailer.Message> mailed = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>(List.of("bob@globex.example"));

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> {
            if (refused.contains(m.to())) {
                throw new Mailer.MailException("550 mailbox unavailable");
            }
            mailed.add(m);
        });
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
        server.services.admins().create(new Account("acme"), "admin@acme.example", "correct horse battery", "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anotherAccountsSendCannotBeResumedOrSeenFromTheConsole() throws Exception {
        var globexSend = server.services.sender().send(new Account("globex"), new Audience.Listed(List.of("ann@globex.example", "bob@globex.example"), true), Actor.cli("globex", "globex-admin"));
        assertEquals(1, globexSend.failed());
        refused.clear();
        int mailedBefore = mailed.size();

        ConsoleSession acme = ConsoleSession.signIn(server.base(), "admin@acme.example", "correct horse battery");
        var r = acme.post("/console/activations/resume", Map.of("batch", globexSend.batchId()));
        assertEquals(404, r.statusCode(), r.body());
        assertFalse(r.body().contains("globex.example"), "none of globex's recipients on acme's page");
        assertEquals(mailedBefore, mailed.size(), "no globex mail re-sent");
        assertTrue(server.services.codes().list(new Account("globex")).stream().noneMatch(c -> c.email().equals("bob@globex.example") && c.state(java.time.Instant.now())
                .equals("pending")), "no new globex code issued");
        assertTrue(server.services.sender().report(new Account("acme"), globexSend.batchId()).outcomes().isEmpty());
        // globex's own administrator still resumes it
        assertEquals(2, server.services.sender().resume(new Account("globex"), globexSend.batchId(), Actor.cli("globex", "globex-admin")).orElseThrow().sent());
        assertTrue(server.services.audit().recent(new Account("globex"), 10).stream().anyMatch(e -> e.action().equals("activations.resume")));
    }

    @Test
    void theCommandLineResumesASendOnlyInTheAccountItNames() throws Exception {
        var globexSend = server.services.sender().send(new Account("globex"), new Audience.Listed(List.of("bob@globex.example"), true), Actor.cli("globex", "globex-admin"));
        refused.clear();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        String url = server.services.config().databaseUrl().orElseThrow();
        assertEquals(4, cli.execute("admin", "resume-send", "--database", url, "--account", "acme", globexSend.batchId()));
        assertTrue(err.toString().contains("account acme has no send " + globexSend.batchId()), err.toString());
        assertTrue(mailed.isEmpty());
    }
}

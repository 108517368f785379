package dev.auscult.server;

import dev.auscult.server.store.Account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.auscult.server.service.Actor;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin commands no other test drives — send-activations, publish-policy, scim-token, prune — run as an operator
 * runs them (the real command line, against the database a running server uses), and what they say they did is what
 * the database, a real SMTP server and the SCIM endpoint then show.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class AdminCommandsDoWhatTheySayTest {

    @Parameter
    TestDatabases.Kind db;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path dir;

    private RunningServer server;
    private String url;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        url = server.services.config().databaseUrl().orElseThrow();
        server.services.accounts().create("acme", "Acme", "test");
        server.services.accounts().create("globex", "Globex", "test");
        server.services.people().importCsv(new Account("acme"), "email,name\nann@acme.example,Ann\nbob@acme.example,Bob\n", Actor.cli("acme", "test"));
        server.services.people().importCsv(new Account("globex"), "email,name\ngail@globex.example,Gail\n", Actor.cli("globex", "test"));
        config = Files.writeString(dir.resolve("server.yaml"), "reportRetentionDays: 30\nsmtp:\n  host: 127.0.0.1\n  port: "
                + ServerSetupTest.SMTP.getPort() + "\n  from: it@acme.example\n  startTls: false\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AdminCli.Run admin(String... args) {
        return AdminCli.on(url, "--config", config.toString()).run(args);
    }

    @Test
    void sendActivationsMailsEveryoneOfTheAccountAndNoOneElse() throws Exception {
        AdminCli.Run r = admin("send-activations", "--account", "acme", "--all");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 sent, 0 failed, 2 in all."), r.out());
        List<String> to = new ArrayList<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            to.add(m.getAllRecipients()[0].toString());
        }
        assertEquals(List.of("ann@acme.example", "bob@acme.example"), to.stream().sorted().toList());
        assertEquals(2, server.services.codes().list(new Account("acme")).stream().filter(c -> c.state(Instant.now()).equals("pending")).count());
        assertEquals(List.of(), server.services.codes().list(new Account("globex")));
        assertFalse(r.out().matches("(?s).*[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}.*"), "no code is printed: it is in the person's mail only");

        AdminCli.Run unknown = admin("send-activations", "--account", "acme", "--emails", "eve@acme.example");
        assertEquals(3, unknown.code(), "an address not in People is reported, not mailed");
        assertTrue(unknown.out().contains("NO_PERSON  eve@acme.example"), unknown.out());
        assertEquals(2, SMTP.getReceivedMessages().length);
    }

    @Test
    void publishPolicyPublishesAValidFileAndLocatesTheMistakeOfAnInvalidOne() throws Exception {
        Path good = Files.writeString(dir.resolve("baseline.yaml"), "osVersion:\n  darwin:\n    ok: '>=14.0.0'\nfirewall: ALWAYS\n");
        AdminCli.Run ok = admin("publish-policy", "--account", "acme", good.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("Published baseline as version 1 for everyone."), ok.out());
        assertEquals(1, server.services.policies().versions(new Account("acme")).size());
        assertEquals(List.of(), server.services.policies().versions(new Account("globex")));

        Path bad = Files.writeString(dir.resolve("broken.yaml"), "firewall: SOMETIMES\n");
        AdminCli.Run refused = admin("publish-policy", "--account", "acme", "--group", "eng", bad.toString());
        assertTrue(refused.code() != 0);
        assertTrue(refused.err().contains("the policy is not valid") && refused.err().contains("broken.yaml:1"), refused.err());
        assertEquals(1, server.services.policies().versions(new Account("acme")).size(), "nothing is published when the file is wrong");
    }

    @Test
    void scimTokenIsShownOnceAndOpensTheAccountsPeopleOnly() throws Exception {
        AdminCli.Run r = admin("scim-token", "--account", "acme");
        assertEquals(0, r.code(), r.err());
        String token = r.out().lines().findFirst().orElseThrow().strip();
        assertTrue(token.startsWith("scim_"), r.out());

        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base().resolve("/scim/v2/Users"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"cara@acme.example\",\"active\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(server.services.people().find(new Account("acme"), "cara@acme.example").isPresent());
        assertTrue(server.services.people().find(new Account("globex"), "cara@acme.example").isEmpty());

        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base().resolve("/scim/v2/Users"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listed.statusCode());
        assertFalse(listed.body().contains("globex"), "another account's people are not listed: " + listed.body());
        assertTrue(server.services.audit().recent(new Account("acme"), 20).stream().noneMatch(e -> e.detail().contains(token.substring(5))),
                "the token is not in the audit log");
    }

    @Test
    void pruneDeletesOldReportsButEachDevicesLatest() throws Exception {
        var device = server.services.devices().activate(new dev.auscult.server.service.Devices.ActivationRequest("acme", "ann@acme.example",
                server.services.codes().issue(new Account("acme"), "ann@acme.example").code(), "uuid-1", "1.0.0", "linux", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()), "127.0.0.1");
        var caller = server.services.devices().authenticate(java.util.Optional.of("acme"), java.util.Optional.of("Bearer " + device.apiToken()));
        String body = AgentReports.debian11();
        for (String id : List.of("old-1", "old-2", "new-1")) {
            server.services.reports().store(caller, device.deviceId(), id, body);
        }
        // the first two are made 40 days old, as if they had come then
        Instant old = Instant.now().minus(40, ChronoUnit.DAYS);
        server.services.database().jdbi().useHandle(h -> h.createUpdate("UPDATE reports SET received_at = :t WHERE report_id IN ('old-1', 'old-2')")
                .bind("t", old).execute());

        AdminCli.Run r = admin("prune");
        assertEquals(0, r.code(), r.err());
        assertEquals("Pruned 2 reports.", r.out().strip());
        assertEquals(List.of("new-1"), server.services.reports().history(new Account("acme"), device.deviceId(), 10).stream().map(x -> x.reportId()).toList());

        // the latest report stays however old it is
        server.services.database().jdbi().useHandle(h -> h.createUpdate("UPDATE reports SET received_at = :t").bind("t", old).execute());
        assertEquals("Pruned 0 reports.", admin("prune").out().strip());
        assertTrue(server.services.reports().latest(new Account("acme"), device.deviceId()).isPresent());
    }
}

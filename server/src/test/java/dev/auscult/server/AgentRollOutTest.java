package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.Settings;
import dev.auscult.server.store.Device;
import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.OsPlatform;
import dev.auscult.server.mail.SmtpMailer;
import dev.auscult.server.service.Audience;
import dev.auscult.server.service.Devices;
import dev.auscult.sync.ActivationCsv;
import dev.auscult.sync.ActivationRecord;
import dev.auscult.sync.Activator;
import dev.auscult.sync.BackendException;
import dev.auscult.sync.FileCredentialStore;
import dev.auscult.sync.Outbox;
import dev.auscult.sync.PolicySync;
import dev.auscult.sync.ReportUploader;
import dev.auscult.sync.SyncStateStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The roll-out end to end, on SQLite and on PostgreSQL: the admin sends codes by e-mail (a real SMTP server
 * in-process), the agent's own classes activate with the code from the mail over real HTTP, fetch the
 * published policy, upload a real scan report exactly once, and react to revocation as they would against
 * any backend. The agent's operation files are the requests, so this is also the contract test.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class AgentRollOutTest {

    @Parameter
    TestDatabases.Kind db;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @TempDir
    Path agentHome;

    private RunningServer server;
    private SyncStateStore state;
    private FileCredentialStore credentials;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), new SmtpMailer(new SmtpMailer.Settings("127.0.0.1", ServerSetupTest.SMTP.getPort(),
                Optional.empty(), Optional.empty(), "auscult@acme.example", false)));
        server.services.accounts().create("acme", "Acme Corp", "test");
        server.services.people().importCsv(new Account("acme"), "email,name,group\nalice@acme.example,Alice,eng\nbob@acme.example,Bob,\n", Actor.cli("acme", "test"));
        state = new SyncStateStore(agentHome.resolve("config"), agentHome.resolve("state"));
        credentials = new FileCredentialStore(agentHome.resolve("config/credentials.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static DeviceFacts laptop() {
        return new DeviceFacts(OsPlatform.LINUX, Optional.of("Debian GNU/Linux"), Optional.of("12"), Optional.empty(), Optional.of("debian"),
                List.of(), Optional.of("0123456789abcdef0123456789abcdef"), Optional.of("alice-laptop"), Optional.of("ThinkPad X1"),
                Optional.empty(), dev.auscult.posture.Finding.plain("os-release"), List.of());
    }

    private String codeMailedTo(String email) throws Exception {
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(email)) {
                Matcher code = Pattern.compile("Code:\\s+([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})").matcher(GreenMailUtil.getBody(m));
                assertTrue(code.find(), "the mail carries the code");
                return code.group(1);
            }
        }
        throw new AssertionError("no mail to " + email);
    }

    private ActivationRecord activate(String email, String code) throws Exception {
        return new Activator(state, credentials, Clock.systemUTC(), "0.1.0", Map.of())
                .activate(server.graphql(), email, "acme", code, laptop(), "uuid-alice-1", true);
    }

    @Test
    void mailedCodeActivatesPolicyArrivesReportIsStoredOnceAndRevocationIsNoticed() throws Exception {
        var send = server.services.sender().send(new Account("acme"), new Audience.Everyone(), Actor.cli("acme", "admin@acme.example"));
        assertEquals(2, send.sent(), send.toString());
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("auscult://activate?email="), "the deep link is in the mail");
        assertTrue(body.contains("text/html"), "an HTML alternative is included");

        ActivationRecord a = activate("Alice@Acme.example", codeMailedTo("alice@acme.example"));
        assertTrue(a.deviceId().startsWith("dev_"));
        assertTrue(credentials.load("acme").orElseThrow().value().startsWith("asc_"));

        // the same code again: refused with the contract's code
        BackendException reused = org.junit.jupiter.api.Assertions.assertThrows(BackendException.class,
                () -> activate("alice@acme.example", codeMailedTo("alice@acme.example")));
        assertEquals(BackendException.Kind.CODE_ALREADY_USED, reused.kind());

        // nothing published yet: the agent keeps its own policy
        PolicySync policies = new PolicySync(agentHome.resolve("state/policy-cache.json"), state, credentials, Map.of());
        assertTrue(policies.refresh().isEmpty());
        server.services.policies().publish(new Account("acme"), Optional.empty(), "acme.yaml",
                "name: Acme baseline\nfirewall: ALWAYS\ndiskEncryption: ALWAYS\nscreenIdle: \"<=905\"\n", Actor.cli("acme", "admin@acme.example"));
        var received = policies.refresh().orElseThrow();
        assertEquals("1", received.version());
        assertEquals("Acme baseline", received.policy().name());
        // a group policy for Alice's group wins over everyone's
        server.services.policies().publish(new Account("acme"), Optional.of("eng"), "eng.yaml", "{\"name\": \"Engineering\", \"firewall\": \"ALWAYS\", \"remoteLogin\": \"NEVER\"}", Actor.cli("acme", "admin@acme.example"));
        assertEquals("Engineering", policies.refresh().orElseThrow().policy().name());
        server.services.policies().rollback(new Account("acme"), Optional.of("eng"), 1, Actor.cli("acme", "admin@acme.example"));
        assertEquals("Acme baseline", policies.refresh().orElseThrow().policy().name());

        // a real report through the agent's outbox and uploader, exactly once
        Outbox outbox = new Outbox(agentHome.resolve("state/outbox"), 500, Clock.systemUTC());
        String report = AgentReports.debian11(received.policy());
        outbox.add(report);
        ReportUploader uploader = new ReportUploader(outbox, state, credentials, Clock.systemUTC(), Map.of());
        assertEquals(1, uploader.drain().uploaded());
        Device d = server.services.devices().list(new Account("acme"), false).getFirst();
        assertEquals("alice@acme.example", d.ownerEmail());
        assertEquals(dev.auscult.report.ReportSummary.parse(report).status(), d.latestStatus());
        assertTrue(d.latestStatus().isPresent());
        assertEquals(1, server.services.reports().history(new Account("acme"), d.id(), 10).size());
        assertTrue(server.services.people().withoutDevice(new Account("acme")).stream().noneMatch(p -> p.email().equals("alice@acme.example")));

        // revoked: the agent's next upload is refused and it asks for re-activation, keeping its reports
        server.services.devices().revoke(new Account("acme"), d.id(), Actor.cli("acme", "admin@acme.example"));
        outbox.add(AgentReports.debian11(received.policy()));
        ReportUploader.Outcome refused = uploader.drain();
        assertEquals(BackendException.Kind.UNAUTHORIZED, refused.problem().orElseThrow().kind());
        assertTrue(state.state().reactivationNeeded());
        assertEquals(1, outbox.entries().size());
    }

    @Test
    void theExportedCsvIsWhatTheAgentsActivationCsvReads() throws Exception {
        String csv = server.services.sender().exportCsv(new Account("acme"), new Audience.WithoutDevice(), Actor.cli("acme", "admin@acme.example"));
        List<String> lines = csv.lines().toList();
        assertEquals("\"email\",\"code\"", lines.getFirst());
        ActivationCsv.Row bob = ActivationCsv.forUser(lines, "bob").orElseThrow();
        assertEquals("bob@acme.example", bob.email());
        new Activator(state, credentials, Clock.systemUTC(), "0.1.0", Map.of())
                .activate(server.graphql(), bob.email(), "acme", bob.code(), laptop(), "uuid-bob", true);
        assertFalse(server.services.sender().exportCsv(new Account("acme"), new Audience.WithoutDevice(), Actor.cli("acme", "admin")).contains("bob@"),
                "bob has a device now");
        assertTrue(server.services.audit().recent(new Account("acme"), 10).stream().anyMatch(e -> e.action().equals("activations.export")));
        assertTrue(server.services.audit().recent(new Account("acme"), 10).stream().noneMatch(e -> e.detail().contains(bob.code())), "no code in the audit log");
    }

    @Test
    void twoInstancesOnOneDatabaseServeTheSameFleet() throws Exception {
        try (RunningServer second = server.another(m -> { })) {
            String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
            ActivationRecord a = activate("alice@acme.example", code);
            // report and policy through the other instance: nothing that matters lives in one server's memory
            state.saveActivation(new ActivationRecord(a.deviceId(), a.accountId(), a.email(), second.graphql(), a.deviceUuid(), a.activatedAt()));
            second.services.policies().publish(new Account("acme"), Optional.empty(), "p.yaml", "firewall: ALWAYS\n", Actor.cli("acme", "admin"));
            Outbox outbox = new Outbox(agentHome.resolve("state/outbox"), 500, Clock.systemUTC());
            outbox.add(AgentReports.debian11());
            assertEquals(1, new ReportUploader(outbox, state, credentials, Clock.systemUTC(), Map.of()).drain().uploaded());
            assertEquals("1", new PolicySync(agentHome.resolve("state/p.json"), state, credentials, Map.of()).refresh().orElseThrow().version());
            assertTrue(server.services.devices().list(new Account("acme"), false).getFirst().latestStatus().isPresent(), "visible from the first instance");
        }
    }

    @Test
    void tokensAndCodesAreStoredOnlyAsHashes() throws Exception {
        String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
        activate("alice@acme.example", code);
        String token = credentials.load("acme").orElseThrow().value();
        String dump = server.database.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM devices").mapTo(String.class).list().toString()
                + h.createQuery("SELECT code_hash FROM activation_codes").mapTo(String.class).list());
        assertFalse(dump.contains(token));
        assertFalse(dump.contains(code));
        assertFalse(dump.contains(code.replace("-", "")));
        Files.writeString(agentHome.resolve("dump"), dump);
    }

    /** The mail's text/plain part, decoded (the raw body is quoted-printable). */
    private static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                String t = plainText(mp.getBodyPart(i));
                if (!t.isEmpty()) {
                    return t;
                }
            }
        }
        return "";
    }

    /** Stall 1 of the roll-out: the server's address travels with the code, and the agent finds the API from it. */
    @Test
    void theServersAddressTravelsWithTheCodeAndTheAgentFindsTheApiFromIt() throws Exception {
        String base = server.base().toString().replaceAll("/$", "");
        server.services.settings().save(new Account("acme"), new Settings(Optional.of("Acme"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(base + "/")), Actor.cli("acme", "test"));
        assertEquals(Optional.of(base), server.services.settings().publicUrl(new Account("acme")), "kept without its trailing slash");
        server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("alice@acme.example")), Actor.cli("acme", "test"));
        String text = plainText(SMTP.getReceivedMessages()[0]);
        String code = codeMailedTo("alice@acme.example");
        assertTrue(text.contains("Hello Alice,"), "greets the person by name");
        assertTrue(text.contains("auscult activate --email alice@acme.example --account acme --code " + code + " --backend " + base), text);
        assertTrue(text.contains("&backend=" + java.net.URLEncoder.encode(base, java.nio.charset.StandardCharsets.UTF_8)), "the link carries it too");

        // what an employee pastes: the console's address; the agent asks the server where its API is, and whom it serves
        var found = dev.auscult.sync.ServerDiscovery.resolve(java.net.URI.create(base + "/console"), "acme", java.time.Duration.ofSeconds(10), Map.of());
        assertEquals(server.graphql(), found.graphql());
        assertEquals(Optional.of("Acme"), found.organisation(), "shown before the code is sent");
        ActivationRecord r = new Activator(state, credentials, Clock.systemUTC(), "0.1.0", Map.of())
                .activate(found.graphql(), "alice@acme.example", "acme", code, laptop(), "uuid-alice-2", true);
        assertEquals("acme", r.accountId());

        // an address that is not an Auscult server (a company web site) is said so, and no code is sent there
        var website = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        website.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        website.start();
        try {
            var notAServer = org.junit.jupiter.api.Assertions.assertThrows(dev.auscult.sync.BackendException.class, () -> dev.auscult.sync.ServerDiscovery
                    .resolve(java.net.URI.create("http://127.0.0.1:" + website.getAddress().getPort() + "/"), "acme", java.time.Duration.ofSeconds(10),
                            Map.of()));
            assertTrue(notAServer.getMessage().contains("is not the address of an Auscult server"), notAServer.getMessage());
        } finally {
            website.stop(0);
        }
    }

    @Test
    void theDiscoveryDocumentNamesTheApiAndTheOrganisation() throws Exception {
        var bare = Http.json(Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/.well-known/auscult")).GET().build()));
        assertEquals("auscult-server/1", bare.path("format").asText());
        assertEquals(server.graphql().toString(), bare.path("graphql").asText(), "without publicUrl: the address it was asked at");
        assertTrue(bare.path("organisation").isMissingNode());
        var acme = Http.json(Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/.well-known/auscult?account=acme")).GET().build()));
        assertEquals("Acme Corp", acme.at("/organisation/name").asText());
        assertTrue(Http.json(Http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("/.well-known/auscult?account=initech")).GET().build()))
                .path("organisation").isMissingNode(), "an unknown account has no organisation here");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> server.services.settings().save(new Account("acme"),
                new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("http://auscult.acme.example")), Actor.cli("acme", "test")));
        assertTrue(refused.getMessage().startsWith("Server address (publicUrl)"), refused.getMessage());
    }
}

package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.auscult.server.service.Audience;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Account A's administrator, device and SCIM token get nothing of account B's — through every console page and
 * form, every GraphQL operation, every SCIM route and every admin command that takes an account — even when they
 * hold B's identifiers (device IDs, batch IDs, code IDs, SCIM IDs, policy versions), which are not secrets.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.auscult.server.TestDatabases#all")
class AccountIsolationMatrixTest {

    private static final String PASSWORD = "correct horse battery";

    @Parameter
    TestDatabases.Kind db;

    private RunningServer server;
    private ConsoleSession acme;
    private String acmeToken;
    private String acmeDevice;
    private String acmeScim;
    // Globex's things, as identifiers someone at Acme could have learnt
    private String globexDevice;
    private String globexHost = "globex-secret-laptop";
    private String globexBatch;
    private long globexCode;
    private String globexScimId;
    private String globexScim;

    private JsonNode activate(String account, String email, String uuid, String host) throws Exception {
        String code = server.services.codes().issue(new Account(account), email).code();
        Map<String, Object> in = Map.of("input", Map.of("accountId", account, "email", email, "code", code, "deviceUuid", uuid, "agentVersion", "0.1.0",
                "device", Map.of("platform", "linux", "hostname", host)));
        JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, in, Map.of())).at("/data/activateDevice");
        Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", a.path("deviceId").asText(), "reportId", "r-" + uuid,
                "report", AgentReports.debian11())), Map.of("Authorization", "Bearer " + a.path("apiToken").asText(), "JupiterOne-Account", account));
        return a;
    }

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(db.freshUrl(), m -> { });
        var s = server.services;
        for (String a : List.of("acme", "globex")) {
            s.accounts().create(a, a.substring(0, 1).toUpperCase() + a.substring(1), "test");
            s.admins().create(new Account(a), "admin@" + a + ".example", PASSWORD, "test");
            s.people().importCsv(new Account(a), "alice@" + a + ".example,Alice " + a + ",eng\n", Actor.cli(a, "test"));
        }
        s.people().importCsv(new Account("globex"), "gina@globex.example,Gina Globex,finance\n", Actor.cli("globex", "test"));
        JsonNode ad = activate("acme", "alice@acme.example", "acme-1", "acme-laptop");
        acmeDevice = ad.path("deviceId").asText();
        acmeToken = ad.path("apiToken").asText();
        globexDevice = activate("globex", "alice@globex.example", "globex-1", globexHost).path("deviceId").asText();
        s.policies().publish(new Account("acme"), Optional.empty(), "acme.yaml", "name: Acme baseline\nfirewall: ALWAYS\n", Actor.cli("acme", "test"));
        s.policies().publish(new Account("globex"), Optional.empty(), "g1.yaml", "name: Globex one\nfirewall: ALWAYS\n", Actor.cli("globex", "test"));
        s.policies().publish(new Account("globex"), Optional.empty(), "g2.yaml", "name: Globex secret policy\nfirewall: NEVER\n", Actor.cli("globex", "test"));
        globexBatch = s.sender().send(new Account("globex"), new Audience.Listed(List.of("gina@globex.example")), Actor.cli("globex", "test")).batchId();
        globexCode = s.codes().list(new Account("globex")).stream().filter(c -> c.usedAt().isEmpty()).findFirst().orElseThrow().id();
        acmeScim = s.scim().newToken(new Account("acme"), Actor.cli("acme", "test"));
        globexScim = s.scim().newToken(new Account("globex"), Actor.cli("globex", "test"));
        HttpResponse<String> created = scim(globexScim, "POST", "/scim/v2/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"greg@globex.example\",\"active\":true}");
        globexScimId = Http.JSON.readTree(created.body()).path("id").asText();
        acme = ConsoleSession.signIn(server.base(), "admin@acme.example", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> scim(String token, String method, String path, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(server.base().resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Nothing on this page or in this answer names Globex's people, devices, sends or policies. */
    private void noGlobex(String where, String text) {
        for (String secret : List.of("globex.example", globexDevice, globexHost, globexBatch, "Globex secret policy", "Gina Globex")) {
            assertFalse(text.contains(secret), where + " shows " + secret);
        }
    }

    private boolean globexDeviceActive() {
        return server.services.devices().list(new Account("globex"), false).stream().anyMatch(d -> d.id().equals(globexDevice) && d.revokedAt().isEmpty());
    }

    @Test
    void everyConsolePageAndFormStaysInsideTheAccount() throws Exception {
        for (String page : List.of("/console", "/console/devices", "/console/devices.csv", "/console/people", "/console/activations",
                "/console/activations?state=all", "/console/policy", "/console/audit", "/console/settings", "/console/administrators",
                "/console/rollout", "/console/devices?q=globex")) {
            HttpResponse<String> r = acme.get(page);
            assertEquals(200, r.statusCode(), page);
            noGlobex(page, r.body());
        }
        assertEquals(404, acme.get("/console/devices/" + globexDevice).statusCode());
        acme.post("/console/devices/" + globexDevice + "/revoke", Map.of());
        assertTrue(globexDeviceActive(), "Globex's device is not revoked from Acme's console");
        acme.post("/console/devices/" + globexDevice + "/rotate-key", Map.of());
        assertTrue(server.services.devices().find(new Account("globex"), globexDevice).orElseThrow().keyRotationAskedAt().isEmpty(),
                "Globex's device is not asked for a new key from Acme's console");
        acme.post("/console/activations/revoke", Map.of("code", String.valueOf(globexCode)));
        assertTrue(server.services.codes().list(new Account("globex")).stream().anyMatch(c -> c.id() == globexCode && c.revokedAt().isEmpty()));
        String resend = acme.post("/console/activations/resend", Map.of("email", "gina@globex.example")).body();
        assertTrue(resend.contains("not in People"), "the typed address is reported, not mailed");
        for (String secret : List.of(globexDevice, globexHost, globexBatch, "Globex secret policy", "Gina Globex")) {
            assertFalse(resend.contains(secret), "resend shows " + secret);
        }
        assertTrue(server.services.codes().list(new Account("acme")).stream().noneMatch(c -> c.email().endsWith("globex.example")),
                "no code for someone of another account");
        assertEquals(404, acme.post("/console/activations/resume", Map.of("batch", globexBatch)).statusCode());
        HttpResponse<String> rollback = acme.post("/console/policy/rollback", Map.of("version", "2", "confirmed", "yes"));
        assertTrue(rollback.body().contains("has no policy version 2"), "Acme has one version; Globex's second is not Acme's");
        noGlobex("rollback", rollback.body());
        acme.post("/console/administrators/unlock", Map.of("username", "admin@globex.example"));
        assertTrue(server.services.audit().recent(new Account("globex"), 50).stream().noneMatch(e -> dev.auscult.server.service.Audit.person(e.actor()).equals("admin@acme.example")),
                "nothing Acme's administrator did landed in Globex's audit log");
    }

    @Test
    void aDeviceTokenReachesOnlyItsOwnDevice() throws Exception {
        Map<String, String> acmeAuth = Map.of("Authorization", "Bearer " + acmeToken, "JupiterOne-Account", "acme");
        JsonNode foreignReport = Http.json(Http.graphql(server.graphql(), Http.REPORT, Map.of("input", Map.of("deviceId", globexDevice,
                "reportId", "forged", "report", AgentReports.debian11())), acmeAuth));
        assertTrue(foreignReport.path("errors").size() > 0, foreignReport.toString());
        assertEquals(1, server.services.reports().history(new Account("globex"), globexDevice, 10).size(), "no report lands on Globex's device");
        String policy = "query P($id: ID!) { devicePolicy(deviceId: $id) { version document } }";
        JsonNode foreignPolicy = Http.json(Http.graphql(server.graphql(), policy, Map.of("id", globexDevice), acmeAuth));
        assertTrue(foreignPolicy.path("errors").size() > 0, foreignPolicy.toString());
        noGlobex("devicePolicy", foreignPolicy.toString());
        JsonNode ownPolicy = Http.json(Http.graphql(server.graphql(), policy, Map.of("id", acmeDevice), acmeAuth));
        assertTrue(ownPolicy.at("/data/devicePolicy/document").asText().contains("Acme baseline"), ownPolicy.toString());
        JsonNode otherAccountHeader = Http.json(Http.graphql(server.graphql(), policy, Map.of("id", acmeDevice),
                Map.of("Authorization", "Bearer " + acmeToken, "JupiterOne-Account", "globex")));
        assertTrue(otherAccountHeader.path("errors").size() > 0, "a token is valid for its own account only: " + otherAccountHeader);
        // Globex's person with Acme's account ID: no such person, no code
        String globexPersonCode = server.services.codes().issue(new Account("globex"), "gina@globex.example").code();
        JsonNode crossActivation = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("acme", "gina@globex.example",
                globexPersonCode, "x-1"), Map.of()));
        assertEquals("INVALID_CODE", crossActivation.at("/errors/0/extensions/code").asText(), crossActivation.toString());
    }

    @Test
    void aScimTokenSeesAndChangesOnlyItsOwnAccountsPeople() throws Exception {
        HttpResponse<String> list = scim(acmeScim, "GET", "/scim/v2/Users", null);
        assertEquals(200, list.statusCode());
        noGlobex("SCIM list", list.body());
        noGlobex("SCIM filter", scim(acmeScim, "GET", "/scim/v2/Users?filter=userName%20eq%20%22greg@globex.example%22", null).body());
        assertEquals(404, scim(acmeScim, "GET", "/scim/v2/Users/" + globexScimId, null).statusCode());
        assertEquals(404, scim(acmeScim, "PUT", "/scim/v2/Users/" + globexScimId,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"greg@globex.example\",\"active\":false}").statusCode());
        assertEquals(404, scim(acmeScim, "PATCH", "/scim/v2/Users/" + globexScimId,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .statusCode());
        assertEquals(404, scim(acmeScim, "DELETE", "/scim/v2/Users/" + globexScimId, null).statusCode());
        assertTrue(server.services.people().find(new Account("globex"), "greg@globex.example").orElseThrow().active(), "Greg is untouched");
    }

    private AdminCli.Run admin(String... args) {
        return AdminCli.on(server.services.config().databaseUrl().orElseThrow()).run(args);
    }

    @Test
    void everyAdminCommandThatNamesAnAccountStaysInsideIt() throws Exception {
        for (String[] command : new String[][] {{"list-people"}, {"list-devices", "--revoked"}, {"list-codes"}, {"list-policies"}, {"audit"}}) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--account", "acme"));
            AdminCli.Run r = admin(args.toArray(String[]::new));
            assertEquals(0, r.code(), String.join(" ", command) + ": " + r.err());
            noGlobex(String.join(" ", command), r.out());
        }
        AdminCli.Run show = admin("show-device", "--account", "acme", globexDevice);
        assertEquals(4, show.code(), show.err());
        noGlobex("show-device", show.out() + show.err().replace(globexDevice, "<id>"));
        AdminCli.Run revoke = admin("revoke-device", "--account", "acme", globexDevice);
        assertEquals(4, revoke.code(), revoke.err());
        assertTrue(globexDeviceActive());
        AdminCli.Run resume = admin("resume-send", globexBatch, "--account", "acme");
        assertTrue(resume.code() != 0, resume.out());
        noGlobex("resume-send", (resume.out() + resume.err()).replace(globexBatch, "<the id typed>"));
        AdminCli.Run rollback = admin("rollback-policy", "2", "--account", "acme");
        assertTrue(rollback.code() != 0 && rollback.err().contains("has no policy version 2"), rollback.err());
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("codes", ".csv");
        AdminCli.Run export = admin("export-codes", "--account", "acme", "--emails", "gina@globex.example", "--out", csv.toString());
        assertFalse(java.nio.file.Files.readString(csv).contains("gina@globex.example"), "no code for another account's person");
        assertTrue(export.out().contains("not in People, no code: gina@globex.example"), export.out());
    }
}

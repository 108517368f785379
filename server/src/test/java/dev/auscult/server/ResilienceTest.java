package dev.auscult.server;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.server.mail.Mailer;
import dev.auscult.server.service.Audience;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The database down, the mail server refusing some recipients, bad requests: clear answers, nothing lost. */
class ResilienceTest {

    @Test
    void aDatabaseThatIsDownGives503WithRetryAfterAndHealthSaysSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (RunningServer server = RunningServer.start("postgresql://nobody@127.0.0.1:" + closed + "/auscult", m -> { },
                java.time.Clock.systemUTC(), false)) {
            HttpResponse<String> health = Http.send(HttpRequest.newBuilder(server.base().resolve("/health")).GET().build());
            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("unreachable"));
            HttpResponse<String> report = Http.graphql(server.graphql(), Http.REPORT,
                    Map.of("input", Map.of("deviceId", "d", "reportId", "r", "report", "{}")), Map.of("Authorization", "Bearer asc_x"));
            assertEquals(503, report.statusCode(), report.body());
            assertTrue(Integer.parseInt(report.headers().firstValue("Retry-After").orElseThrow()) > 0);
            assertTrue(!report.body().contains("asc_x"), "the token is never echoed");
        }
    }

    @Test
    void badRequestsGetAClearErrorAndTheHealthIsFine() throws Exception {
        try (RunningServer server = RunningServer.start(TestDatabases.all().findFirst().orElseThrow().freshUrl(), m -> { })) {
            HttpResponse<String> notJson = Http.send(HttpRequest.newBuilder(server.graphql()).POST(HttpRequest.BodyPublishers.ofString("{{{")).build());
            assertEquals(400, notJson.statusCode());
            HttpResponse<String> tooBig = Http.send(HttpRequest.newBuilder(server.graphql())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + "x".repeat(2_000_000) + "\"}")).build());
            assertEquals(413, tooBig.statusCode());
            String deep = "query { devicePolicy(deviceId: \"d\") { version " + "format ".repeat(1) + "} }";
            assertEquals(200, Http.graphql(server.graphql(), deep, Map.of(), Map.of()).statusCode());
            assertEquals(200, Http.send(HttpRequest.newBuilder(server.base().resolve("/health")).GET().build()).statusCode());
        }
    }

    @Test
    void aSendThatPartlyFailsIsReportedPerRecipientAndResumes() throws Exception {
        Set<String> refused = ConcurrentHashMap.newKeySet();
        refused.add("bob@acme.example");
        List<Mailer.Message> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Mailer flaky = m -> {
            if (refused.contains(m.to())) {
                throw new Mailer.MailException("550 mailbox unavailable");
            }
            delivered.add(m);
        };
        try (RunningServer server = RunningServer.start(TestDatabases.all().findFirst().orElseThrow().freshUrl(), flaky)) {
            server.services.accounts().create("acme", "Acme", "test");
            var report = server.services.sender().send(new Account("acme"), new Audience.Listed(List.of("alice@acme.example", "bob@acme.example"), true), Actor.cli("acme", "admin"));
            assertEquals(1, report.sent());
            assertEquals(1, report.failed());
            assertEquals("550 mailbox unavailable", report.outcomes().get(1).problem().orElseThrow());
            // bob's code reached nobody: it is revoked, not left usable
            assertTrue(server.services.codes().list(new Account("acme")).stream().anyMatch(c -> c.email().equals("bob@acme.example")
                    && c.state(java.time.Instant.now()).equals("revoked")));
            refused.clear();
            var resumed = server.services.sender().resume(new Account("acme"), report.batchId(), Actor.cli("acme", "test")).orElseThrow();
            assertEquals(2, resumed.sent());
            assertEquals(2, delivered.size(), "alice is not mailed twice");
            assertTrue(delivered.get(1).text().contains("bob@acme.example"));
        }
    }

    @Test
    void stoppingNeverTurnsARequestInFlightIntoARefusal() throws Exception {
        try (RunningServer server = RunningServer.start(TestDatabases.all().findFirst().orElseThrow().freshUrl(), m -> { })) {
            server.services.accounts().create("acme", "Acme", "test");
            String code = server.services.codes().issue(new Account("acme"), "alice@acme.example").code();
            byte[] body = Http.JSON.writeValueAsBytes(Map.of("query", Http.ACTIVATE, "variables", Http.activation("acme", "alice@acme.example", code, "u1")));
            // an agent on a slow link: the body arrives over a second and a half
            java.io.InputStream slow = new java.io.InputStream() {
                private int i;

                @Override
                public int read() throws java.io.IOException {
                    if (i >= body.length) {
                        return -1;
                    }
                    if (i % (body.length / 6 + 1) == 0) {
                        try {
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                    }
                    return body[i++] & 0xff;
                }
            };
            var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.send(HttpRequest.newBuilder(server.graphql()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow)).build());
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(500);
            Thread stopper = Thread.ofPlatform().start(server.app::close);
            HttpResponse<String> r;
            try {
                r = pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException cut) {
                r = null; // the connection closed: the agent retries, as for any network failure
            }
            stopper.join(30_000);
            // Either it completed, or its body was cut short by the stop: then the answer must not be a GraphQL
            // refusal, which would make an agent set its report aside instead of sending it again.
            if (r != null && r.statusCode() != 200) {
                assertFalse(r.body().contains("\"errors\""), r.body());
            }
        }
    }
}

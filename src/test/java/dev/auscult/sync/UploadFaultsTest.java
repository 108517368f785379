package dev.auscult.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uploader against a real fault-injecting HTTP server on loopback: every answer outside the contract
 * keeps the report queued and is retried with a growing back-off; only a positive acknowledgement
 * deletes a report; the token never travels through a proxy; damaged local files are set aside in words.
 */
class UploadFaultsTest {

    @TempDir
    Path home;

    private HttpServer backend;
    private final AtomicReference<Consumer<HttpExchange>> answer = new AtomicReference<>();
    private final List<String> seenAuth = new CopyOnWriteArrayList<>();
    private Outbox outbox;
    private SyncStateStore state;
    private FileCredentialStore credentials;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", ex -> {
            try (ex) {
                seenAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                ex.setAttribute("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer.get().accept(ex);
            }
        });
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.start();
        outbox = new Outbox(home.resolve("state/outbox"), 500, Clock.systemUTC());
        state = new SyncStateStore(home.resolve("config"), home.resolve("state"));
        credentials = new FileCredentialStore(home.resolve("config/credentials.json"));
        URI url = URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + "/graphql");
        state.saveActivation(new ActivationRecord("dev-1", "acme", "alice@example.com", url, "uuid-1", Instant.parse("2026-12-01T10:00:00Z")));
        credentials.save("acme", new ApiToken("secret-token-0123456789abcdef"));
    }

    @AfterEach
    void stop() {
        backend.stop(0);
    }

    private ReportUploader uploader(Map<String, String> env) {
        return new ReportUploader(outbox, state, credentials, Clock.systemUTC(), env);
    }

    private static void reply(HttpExchange ex, int status, String body, Map<String, String> headers) {
        try {
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final Pattern REPORT_ID = Pattern.compile("\"reportId\"\\s*:\\s*\"([^\"]+)\"");

    /** Acknowledges the request's report by naming it back, as the contract says. */
    private static void acknowledge(HttpExchange ex) {
        Matcher m = REPORT_ID.matcher((String) ex.getAttribute("body"));
        String reportId = m.find() ? m.group(1) : "none";
        reply(ex, 200, "{\"data\": {\"reportScan\": {\"reportId\": \"" + reportId + "\", \"duplicate\": false}}}", Map.of());
    }

    @Test
    void backOffGrowsAcrossAttemptsOfOneUploader() throws Exception {
        outbox.add("{\"n\":1}");
        answer.set(ex -> reply(ex, 500, "oops", Map.of()));
        ReportUploader u = uploader(Map.of());
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waits.add(u.drain().retryIn().orElseThrow());
        }
        // 5 s doubling with ±20 % jitter: each wait is well above the one two attempts earlier
        for (int i = 2; i < waits.size(); i++) {
            assertTrue(waits.get(i).compareTo(waits.get(i - 2).multipliedBy(2)) > 0, waits.toString());
        }
        assertTrue(waits.getLast().toSeconds() >= 100, waits.toString());
        assertEquals(1, outbox.entries().size());
    }

    @Test
    void retryAfterIsObeyedButCappedAtAnHour() throws Exception {
        outbox.add("{\"n\":1}");
        answer.set(ex -> reply(ex, 429, "", Map.of("Retry-After", String.valueOf(11 * 24 * 3600))));
        Duration wait = uploader(Map.of()).drain().retryIn().orElseThrow();
        assertTrue(wait.compareTo(Duration.ofHours(1)) <= 0 && wait.compareTo(Duration.ofMinutes(50)) >= 0, wait.toString());
    }

    @Test
    void answersOutsideTheContractKeepTheReportQueuedAndSaySo() throws Exception {
        List<Consumer<HttpExchange>> faults = List.of(
                ex -> reply(ex, 404, "<html>not found</html>", Map.of()),
                ex -> reply(ex, 413, "", Map.of()),
                ex -> reply(ex, 302, "", Map.of("Location", "https://login.example.com/")),
                ex -> reply(ex, 200, "garbage", Map.of()),
                ex -> reply(ex, 200, "{\"data\": null}", Map.of()),
                ex -> reply(ex, 200, "{\"data\": {\"reportScan\": null}}", Map.of()),
                // the server's own trouble, said as a GraphQL error: never a reason to drop the report
                ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"internal error\", \"extensions\": {\"code\": \"INTERNAL\"}}]}", Map.of()),
                ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"try later\", \"extensions\": {\"code\": \"UNAVAILABLE\"}}]}", Map.of()),
                ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"a code from a newer server\", \"extensions\": {\"code\": \"SOMETHING_NEW\"}}]}", Map.of()),
                ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"Validation error: field 'x' undefined\"}]}", Map.of()),
                ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"slow down\", \"extensions\": {\"code\": \"THROTTLED\", \"retryAfterSeconds\": 90}}]}",
                        Map.of()));
        outbox.add("{\"n\":1}");
        for (Consumer<HttpExchange> fault : faults) {
            answer.set(fault);
            ReportUploader.Outcome o = uploader(Map.of()).drain();
            assertEquals(0, o.uploaded());
            assertTrue(o.retryIn().isPresent(), "retried later");
            assertEquals(1, outbox.entries().size(), "still queued");
            assertFalse(Files.exists(home.resolve("state/outbox/rejected")), "nothing set aside");
            assertTrue(state.state().lastError().isPresent(), "status shows the problem");
        }
        // an acknowledgement naming another report is none either
        answer.set(ex -> reply(ex, 200, "{\"data\": {\"reportScan\": {\"reportId\": \"someone-else\"}}}", Map.of()));
        assertEquals(0, uploader(Map.of()).drain().uploaded());
        // and a positive acknowledgement delivers it
        answer.set(UploadFaultsTest::acknowledge);
        assertEquals(1, uploader(Map.of()).drain().uploaded());
        assertEquals(0, outbox.entries().size());
    }

    @Test
    void onlyTheContractsExplicitRefusalSetsAReportAside() throws Exception {
        outbox.add("{\"n\":1}");
        answer.set(ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"report is not scan-report/1\", \"extensions\": {\"code\": \"BAD_REQUEST\"}}]}", Map.of()));
        uploader(Map.of()).drain();
        assertEquals(0, outbox.entries().size());
        assertEquals(1, outbox.setAsideCount(), "counted for `auscult status`");
        try (var aside = Files.list(home.resolve("state/outbox/rejected"))) {
            assertEquals(1, aside.count());
        }
        assertTrue(state.state().lastError().orElseThrow().contains("set aside"));
    }

    @Test
    void aThrottledGraphQlErrorWaitsAsLongAsTheServerAsks() throws Exception {
        outbox.add("{\"n\":1}");
        answer.set(ex -> reply(ex, 200, "{\"errors\": [{\"message\": \"slow down\", \"extensions\": {\"code\": \"THROTTLED\", \"retryAfterSeconds\": 90}}]}",
                Map.of()));
        ReportUploader.Outcome o = uploader(Map.of()).drain();
        assertTrue(o.retryIn().orElseThrow().compareTo(Duration.ofSeconds(90)) >= 0, "waits the 90 s asked for: " + o.retryIn());
        assertEquals(1, outbox.entries().size());
        assertEquals(0, outbox.setAsideCount());
    }

    @Test
    void aHugeAnswerIsNotReadIntoMemory() throws Exception {
        outbox.add("{\"n\":1}");
        answer.set(ex -> {
            try {
                ex.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[1 << 20];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < 200; i++) {
                        out.write(chunk);
                    }
                }
            } catch (IOException closedByClient) {
                // the agent stops reading after its limit
            }
        });
        ReportUploader.Outcome o = uploader(Map.of()).drain();
        assertEquals(BackendException.Kind.PROTOCOL, o.problem().orElseThrow().kind());
        assertTrue(o.problem().get().getMessage().contains("larger than 4 MiB"));
        assertEquals(1, outbox.entries().size());
    }

    @Test
    void theTokenNeverGoesToAProxy() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        List<String> proxied = new CopyOnWriteArrayList<>();
        proxy.createContext("/", ex -> {
            proxied.add(ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            ex.sendResponseHeaders(502, -1);
            ex.close();
        });
        proxy.start();
        try {
            outbox.add("{\"n\":1}");
            answer.set(UploadFaultsTest::acknowledge);
            String p = "http://127.0.0.1:" + proxy.getAddress().getPort();
            assertEquals(1, uploader(Map.of("HTTPS_PROXY", p, "HTTP_PROXY", p)).drain().uploaded());
            assertEquals(List.of(), proxied, "a loopback backend is never proxied");
        } finally {
            proxy.stop(0);
        }
        // NO_PROXY as curl reads it
        assertTrue(BackendClient.noProxy(Map.of("NO_PROXY", "localhost,.corp.example,auscult.example.com:443"), "auscult.example.com"));
        assertTrue(BackendClient.noProxy(Map.of("no_proxy", ".corp.example"), "backend.corp.example"));
        assertTrue(BackendClient.noProxy(Map.of("NO_PROXY", "*"), "anything.example"));
        assertFalse(BackendClient.noProxy(Map.of("NO_PROXY", "corp.example"), "evilcorp.example"));
        assertEquals(java.net.http.HttpClient.Builder.NO_PROXY,
                BackendClient.proxy(Map.of("HTTPS_PROXY", "http://proxy:3128"), URI.create("http://127.0.0.1:8080/graphql")));
    }

    @Test
    void anUnreadableQueuedReportIsSetAsideAndTheRestMoveOn() throws Exception {
        outbox.add("{\"n\":1}");
        Path bad = outbox.entries().getFirst().file();
        Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        outbox.add("{\"n\":2}");
        answer.set(UploadFaultsTest::acknowledge);
        ReportUploader.Outcome o = uploader(Map.of()).drain();
        assertEquals(1, o.uploaded());
        assertEquals(0, outbox.entries().size());
        assertTrue(Files.exists(home.resolve("state/outbox/rejected").resolve(bad.getFileName())));
    }

    @Test
    void twoDrainsAtOnceNeitherFailNorDuplicate() throws Exception {
        for (int i = 0; i < 20; i++) {
            outbox.add("{\"n\":" + i + "}");
        }
        List<String> received = new CopyOnWriteArrayList<>();
        answer.set(ex -> {
            Matcher m = REPORT_ID.matcher((String) ex.getAttribute("body"));
            received.add(m.find() ? m.group(1) : "?");
            acknowledge(ex);
        });
        // two processes' worth of uploaders (the CLI beside the tray app): the outbox lock lets one drain
        int uploaded = 0;
        for (int round = 0; round < 3 && !outbox.entries().isEmpty(); round++) {
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<ReportUploader.Outcome> a = pool.submit(() -> uploader(Map.of()).drain());
                Future<ReportUploader.Outcome> b = pool.submit(() -> uploader(Map.of()).drain());
                uploaded += a.get().uploaded() + b.get().uploaded();
            }
        }
        assertEquals(20, uploaded);
        assertEquals(20, received.size(), "each report sent once");
        assertEquals(20, received.stream().distinct().count());
    }

    @Test
    void damagedActivationFilesAreNamedInPlainWords() throws Exception {
        Files.writeString(home.resolve("config/activation.json"), "{\"deviceId\": ");
        IOException e = assertThrows(IOException.class, state::activation);
        assertTrue(e.getMessage().contains("activation.json is damaged"), e.getMessage());
        assertFalse(e.getMessage().contains("Unexpected end-of-input"), "no raw parser message: " + e.getMessage());
        Files.writeString(home.resolve("config/activation.json"), "");
        IOException empty = assertThrows(IOException.class, state::activation);
        assertTrue(empty.getMessage().contains("activate again"), empty.getMessage());
    }
}

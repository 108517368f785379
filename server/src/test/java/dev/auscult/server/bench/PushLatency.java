package dev.auscult.server.bench;

import dev.auscult.server.store.Account;

import dev.auscult.server.store.DeliveryTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.auscult.server.AgentReports;
import dev.auscult.server.Http;
import dev.auscult.server.RunningServer;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Deliveries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For bench/push-latency.sh: how long a change takes from the report that made it to the receiver, while the server
 * is under report load. The server (in this JVM), a webhook receiver on loopback, N agents sending reports back to
 * back that alternate failing and passing (each is a change). Latency = the receiver's arrival time minus the event's
 * {@code occurredAt} (taken in the report's own transaction). Prints reports/s and the latency percentiles.
 *
 * <p>Usage: {@code PushLatency sqlite|DATABASE_URL AGENTS SECONDS}
 */
public final class PushLatency {

    private PushLatency() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0].equals("sqlite") ? "sqlite:" + java.nio.file.Files.createTempDirectory("push-latency").resolve("auscult.db") : args[0];
        int agents = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        ObjectMapper json = Http.JSON;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hook", ex -> {
            long now = Instant.now().toEpochMilli();
            JsonNode e = json.readTree(ex.getRequestBody());
            if (seen.putIfAbsent(e.path("id").asText(), true) == null) {
                latencies.add(now - Instant.parse(e.path("occurredAt").asText()).toEpochMilli());
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        try (RunningServer server = RunningServer.start(db, m -> { })) {
            server.services.accounts().create("bench", "Bench", "bench");
            server.services.deliveries().add(new Account("bench"), DeliveryTarget.Kind.WEBHOOK, "receiver", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    Optional.empty(), Optional.empty(), Actor.cli("bench", "bench"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String failing = AgentReports.debian11();
            String passing = failing.replaceAll("\"verdict\" : \"(FAIL|UNKNOWN|NUDGE)\"", "\"verdict\" : \"PASS\"")
                    .replaceFirst("\"status\" : \"[A-Z]+\"", "\"status\" : \"PASS\"");
            List<String[]> fleet = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String email = "agent" + i + "@bench.example";
                JsonNode a = Http.json(Http.graphql(server.graphql(), Http.ACTIVATE, Http.activation("bench", email,
                        server.services.codes().issue(new Account("bench"), email).code(), "bench-" + i), Map.of())).at("/data/activateDevice");
                fleet.add(new String[] {a.path("deviceId").asText(), a.path("apiToken").asText()});
            }
            AtomicLong stored = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String[] agent : fleet) {
                    pool.submit(() -> {
                        boolean pass = false;
                        while (System.nanoTime() < end) {
                            String body = json.writeValueAsString(Map.of("query", Http.REPORT, "variables", Map.of("input", Map.of("deviceId", agent[0],
                                    "reportId", UUID.randomUUID().toString(), "report", pass ? passing : failing))));
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.graphql()).header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + agent[1]).header("JupiterOne-Account", "bench")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200 && r.body().contains("\"reportId\"")) {
                                stored.incrementAndGet();
                                pass = !pass;
                            }
                        }
                        return null;
                    });
                }
            }
            long drainFrom = System.nanoTime();
            while (server.services.deliveries().backlog(new Account("bench")) > 0 && System.nanoTime() - drainFrom < Duration.ofMinutes(5).toNanos()) {
                Thread.sleep(200);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("db=%s agents=%d seconds=%d reports=%d rate=%.1f/s changes_received=%d backlog_left=%d push_latency_ms p50=%d p95=%d p99=%d max=%d%n",
                    args[0].equals("sqlite") ? "sqlite" : "postgresql", agents, seconds, stored.get(), stored.get() / (double) seconds, sorted.size(),
                    server.services.deliveries().backlog(new Account("bench")), pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                    sorted.isEmpty() ? 0 : sorted.getLast());
        } finally {
            receiver.stop(0);
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}

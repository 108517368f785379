package dev.auscult.server.bench;

import dev.auscult.server.store.Account;

import dev.auscult.server.RunningServer;
import dev.auscult.server.service.Actor;
import dev.auscult.server.service.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * For bench/cloudflare-posture.sh: Cloudflare's custom device posture integration asking about {@code DEVICES} devices
 * at a time (its maximum is 1,000) of an account with as many, on the embedded database, {@code REQUESTS} times over
 * loopback; half matched by serial number, half by e-mail and host name. Prints p50/p99 per request.
 *
 * <p>Usage: {@code CloudflarePostureLoad DEVICES REQUESTS}
 */
public final class CloudflarePostureLoad {

    private CloudflarePostureLoad() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("cloudflare-posture");
        try (RunningServer server = RunningServer.start("sqlite:" + dir.resolve("auscult.db"), m -> { })) {
            server.services.accounts().create("bench", "Bench", "bench");
            Instant now = Instant.now();
            server.database.jdbi().useTransaction(h -> {
                var dev = h.prepareBatch("INSERT INTO devices (id, account_id, owner_email, device_uuid, token_hash, platform, os_name, os_version, "
                        + "hostname, hardware_serial, agent_version, activated_at, last_seen_at, latest_report, latest_status) VALUES "
                        + "(:id, 'bench', :e, :id, :t, 'darwin', 'macOS', '15', :h, :serial, '0.1.0', :now, :now, :r, :s)");
                for (int i = 0; i < n; i++) {
                    dev.bind("id", "dev_" + i).bind("e", "user" + i + "@bench.example").bind("t", "hash" + i).bind("h", "host-" + i)
                            .bind("serial", "C02SERIAL" + i).bind("now", now).bind("r", "r" + i).bind("s", i % 3 == 0 ? "FAIL" : "PASS").add();
                }
                dev.execute();
            });
            String token = server.services.apiTokens().create(new Account("bench"), "cloudflare", Role.AUDITOR, 1, Actor.cli("bench", "bench")).secret();
            StringBuilder body = new StringBuilder("{\"devices\": [");
            for (int i = 0; i < n; i++) {
                body.append(i == 0 ? "" : ",").append("{\"device_id\": \"warp-").append(i).append("\", \"email\": \"user").append(i)
                        .append("@bench.example\", \"serial_number\": \"").append(i % 2 == 0 ? "C02SERIAL" + i : "").append("\", \"hostname\": \"host-")
                        .append(i).append("\"}");
            }
            body.append("]}");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/posture/cloudflare"))
                    .header("CF-Access-Client-Id", "cloudflare").header("CF-Access-Client-Secret", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < requests + 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                double took = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() != 200 || !r.body().contains("\"warp-" + (n - 1) + "\"")) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
                }
                if (i >= 20) { // warm-up: JIT, connection, statement cache
                    ms.add(took);
                }
            }
            Collections.sort(ms);
            System.out.printf("%d devices per request, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", n, requests,
                    ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.getLast());
        }
    }
}

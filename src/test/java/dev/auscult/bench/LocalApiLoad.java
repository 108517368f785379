package dev.auscult.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for bench/localapi-soak.sh: {@code CLIENTS} concurrent clients send ValidateDevice requests to the
 * local API for {@code SECONDS}, each from a new origin under a broad host label (the attack that once
 * filled the heap), with a non-passing policy (the one that once queued a notification per request).
 * Prints the count of each HTTP status.
 *
 * <p>Usage: {@code java -cp … dev.auscult.bench.LocalApiLoad PORT SECONDS CLIENTS}
 */
public final class LocalApiLoad {

    private LocalApiLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        int clients = Integer.parseInt(args[2]);
        String body = "{\"query\": \"query V($policy: DevicePolicy!) { policy { validate(policy: $policy) { status } } device { platform osVersion } }\","
                + " \"variables\": {\"policy\": {\"diskEncryption\": \"ALWAYS\", \"firewall\": \"ALWAYS\","
                + " \"applications\": [{\"name\": \".*.*.*.*.*.*.*.*!\", \"match\": \"regex\", \"assertion\": \"NEVER\"}]}}}";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong origins = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String origin = "https://h" + origins.incrementAndGet() + ".soak.example";
                        try {
                            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                                    .timeout(Duration.ofSeconds(30)).header("Origin", origin).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        System.out.println("origins=" + origins.get() + " statuses=" + statuses);
    }
}

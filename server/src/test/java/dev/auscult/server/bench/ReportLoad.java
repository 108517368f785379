package dev.auscult.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.auscult.server.AgentReports;
import dev.auscult.sync.ActivationCsv;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for bench/server-load.sh: N simulated agents over loopback. Each activates once with a code from the
 * exported CSV, then sends realistic scan-report/1 bodies (~10 KB, verdicts varied per report) back to back
 * for the measured period, after a warm-up. Prints sustained reports/s and latency percentiles.
 *
 * <p>Usage: {@code ReportLoad URL ACCOUNT CODES.csv AGENTS WARMUP_SECONDS SECONDS}
 */
public final class ReportLoad {

    private static final String REPORT = "mutation ReportScan($input: ReportScanInput!) { reportScan(input: $input) { reportId duplicate } }";
    private static final String ACTIVATE = "mutation ActivateDevice($input: ActivateDeviceInput!) { activateDevice(input: $input) { deviceId apiToken accountId } }";

    private ReportLoad() {
    }

    /** @param key the device key its requests are signed with (DPoP + body hash), as the agent does; none: token only */
    record Agent(String deviceId, String token, java.util.Optional<dev.auscult.sync.DeviceKey> key) {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String account = args[1];
        List<ActivationCsv.Row> rows = ActivationCsv.read(Files.readAllLines(Path.of(args[2])));
        int agents = Math.min(Integer.parseInt(args[3]), rows.size());
        long warmup = Long.parseLong(args[4]);
        long seconds = Long.parseLong(args[5]);
        // "signed": every agent has a device key, registers it and signs each upload, as agents since contract 1.2 do
        boolean signed = args.length > 6 && args[6].equals("signed");
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<Agent> fleet = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            ActivationCsv.Row r = rows.get(i);
            java.util.Optional<dev.auscult.sync.DeviceKey> key = signed ? java.util.Optional.of(dev.auscult.sync.DeviceKey.generate())
                    : java.util.Optional.empty();
            Map<String, Object> input = new java.util.HashMap<>(Map.of("accountId", account, "email", r.email(), "code", r.code(),
                    "deviceUuid", "bench-" + i, "agentVersion", "0.1.0", "device", Map.of("platform", "linux", "hostname", "bench-" + i)));
            key.ifPresent(k -> input.put("publicKey", k.publicJwk()));
            String body = json.writeValueAsString(Map.of("query", ACTIVATE, "variables", Map.of("input", input)));
            JsonNode a = json.readTree(http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .header("JupiterOne-Account", account).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode d = a.at("/data/activateDevice");
            if (!d.hasNonNull("apiToken")) {
                throw new IllegalStateException("activation failed: " + a);
            }
            fleet.add(new Agent(d.path("deviceId").asText(), d.path("apiToken").asText(), key));
        }
        // A real report, padded to ~10 KB (long reasons, as on Windows), with verdicts varied per report.
        ObjectNode template = (ObjectNode) json.readTree(AgentReports.debian11());
        String[] verdicts = {"PASS", "FAIL", "NUDGE", "UNKNOWN"};
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int bytes;
        {
            ObjectNode probe = template.deepCopy();
            bytes = json.writeValueAsString(pad(probe, json)).length();
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (Agent agent : fleet) {
                all.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        ObjectNode report = pad(template.deepCopy(), json);
                        int k = n++;
                        report.withArray("practices").forEach(p -> {
                            if (p.hasNonNull("verdict")) {
                                ((ObjectNode) p).put("verdict", verdicts[(k + p.path("id").asText().length()) % verdicts.length]);
                            }
                        });
                        String body = json.writeValueAsString(Map.of("query", REPORT, "operationName", "ReportScan", "variables",
                                Map.of("input", Map.of("deviceId", agent.deviceId(), "reportId", UUID.randomUUID().toString(),
                                        "report", json.writeValueAsString(report)))));
                        long t0 = System.nanoTime();
                        HttpRequest.Builder req = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + agent.token()).header("JupiterOne-Account", account);
                        // the agent's cost of signing is in the measured time too, as it is on a real device
                        agent.key().ifPresent(dk -> req.header("DPoP", dk.proof("POST", url, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                agent.token(), java.time.Instant.now())));
                        HttpResponse<String> res = http.send(req.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        boolean ok = res.statusCode() == 200 && !res.body().contains("\"errors\"");
                        if (t0 >= measureFrom && t1 <= end) {
                            latencies.add(t1 - t0);
                            if (ok) {
                                sent.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf((signed ? "signed " : "token-only ") + "agents=%d report_bytes=%d measured_s=%d reports=%d errors=%d rate=%.1f/s p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms%n",
                agents, bytes, seconds, sent.get(), errors.get(), sent.get() / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.90),
                pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.getLast() / 1e6);
    }

    private static ObjectNode pad(ObjectNode report, ObjectMapper json) {
        for (JsonNode p : report.withArray("practices")) {
            String reason = p.path("reason").asText();
            ((ObjectNode) p).put("reason", reason + " ".repeat(Math.max(0, 600 - reason.length())));
        }
        return report;
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }
}

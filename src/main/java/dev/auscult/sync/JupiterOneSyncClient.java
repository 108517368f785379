package dev.auscult.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one device's posture into a JupiterOne account through the public Synchronization API: a DIFF
 * job scoped to the device (so fixed findings disappear), entities then relationships (gzip, batches of
 * at most 5 MB, halved on 413), finalize, then poll the job until it finishes.
 */
public final class JupiterOneSyncClient {

    static final int MAX_BATCH_BYTES = 5_000_000;
    static final Set<String> FAILED = Set.of("ABORTED", "ERROR_BAD_DATA", "ABORTED_DUE_TO_INVALID_CONFIGURATION", "UNKNOWN");

    private final URI base;
    private final String accountId;
    private final ApiToken apiKey;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration pollEvery;
    private final int maxPolls;

    public JupiterOneSyncClient(URI base, String accountId, ApiToken apiKey, Map<String, String> environment, Duration pollEvery, int maxPolls) {
        BackendClient.requireSafe(base);
        this.base = base;
        this.accountId = accountId;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).proxy(BackendClient.proxy(environment, base)).build();
        this.pollEvery = pollEvery;
        this.maxPolls = maxPolls;
    }

    /** Uploads the graph; returns the job's final status. */
    public String upload(String scope, JupiterOneEntities.Graph graph) throws BackendException {
        JsonNode job = call("POST", "/persister/synchronization/jobs", json.createObjectNode().put("source", "api").put("scope", scope)
                .put("syncMode", "DIFF").toString().getBytes(StandardCharsets.UTF_8), false);
        String id = job.path("job").path("id").asText(job.path("id").asText(""));
        if (id.isEmpty()) {
            throw new BackendException(BackendException.Kind.REJECTED, "JupiterOne did not return a job id");
        }
        String jobPath = "/persister/synchronization/jobs/" + id;
        try {
            send(jobPath + "/entities", "entities", graph.entities());
            send(jobPath + "/relationships", "relationships", graph.relationships());
            call("POST", jobPath + "/finalize", "{}".getBytes(StandardCharsets.UTF_8), false);
        } catch (BackendException e) {
            if (e.kind() != BackendException.Kind.NETWORK) {
                try {
                    call("POST", jobPath + "/abort", "{\"reason\":\"upload failed\"}".getBytes(StandardCharsets.UTF_8), false);
                } catch (BackendException ignored) {
                    // the job expires on its own; the original error is what matters
                }
            }
            throw e;
        }
        for (int i = 0; i < maxPolls; i++) {
            String status = call("GET", jobPath, null, false).path("job").path("status").asText("");
            if (status.equals("FINISHED")) {
                return status;
            }
            if (FAILED.contains(status)) {
                throw new BackendException(BackendException.Kind.REJECTED, "the JupiterOne job ended with status " + status);
            }
            sleep(pollEvery);
        }
        return "FINALIZE_PENDING";
    }

    /** Uploads in batches under the size limit; a 413 halves the batch. */
    private void send(String path, String field, List<Map<String, Object>> objects) throws BackendException {
        int batch = objects.size();
        int i = 0;
        while (i < objects.size()) {
            int n = Math.min(batch, objects.size() - i);
            byte[] body = body(field, objects.subList(i, i + n));
            while (body.length > MAX_BATCH_BYTES && n > 1) {
                n = n / 2;
                body = body(field, objects.subList(i, i + n));
            }
            try {
                call("POST", path, gzip(body), true);
                i += n;
            } catch (BackendException e) {
                if (e.getMessage().contains("HTTP 413") && n > 1) {
                    batch = Math.max(1, n / 2);
                    continue;
                }
                throw e;
            }
        }
    }

    private byte[] body(String field, List<Map<String, Object>> objects) {
        try {
            return json.writeValueAsBytes(Map.of(field, objects));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private JsonNode call(String method, String path, byte[] body, boolean gzipped) throws BackendException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + apiKey.value())
                    .header("JupiterOne-Account", accountId)
                    .header("Accept", "application/json");
            if (body == null) {
                req.GET();
            } else {
                req.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
                if (gzipped) {
                    req.header("Content-Encoding", "gzip");
                }
            }
            HttpResponse<String> res;
            try {
                res = http.send(req.build(), BoundedBody.ofString(BackendClient.MAX_RESPONSE_BYTES));
            } catch (IOException e) {
                throw new BackendException(BackendException.Kind.NETWORK, "JupiterOne could not be reached or answered too much (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException(BackendException.Kind.NETWORK, "interrupted");
            }
            int status = res.statusCode();
            Optional<Duration> retryAfter = res.headers().firstValue("Retry-After").filter(v -> v.strip().matches("\\d{1,5}"))
                    .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())));
            if (status == 429 || status == 503) {
                // J1 limits requests per minute: wait as told, a couple of times, then let the outbox retry later
                if (attempt < 2 && retryAfter.map(d -> d.toSeconds() <= 60).orElse(true)) {
                    sleep(retryAfter.orElse(Duration.ofSeconds(2L << attempt)));
                    continue;
                }
                throw new BackendException(BackendException.Kind.THROTTLED, "JupiterOne rate limit (HTTP " + status + ")", retryAfter);
            }
            if (status == 401 || status == 403) {
                throw new BackendException(BackendException.Kind.UNAUTHORIZED, "JupiterOne refused the API key (HTTP " + status + ")");
            }
            if (status >= 500) {
                throw new BackendException(BackendException.Kind.SERVER, "JupiterOne failed (HTTP " + status + ")", retryAfter);
            }
            if (status >= 400) {
                throw new BackendException(BackendException.Kind.REJECTED, "JupiterOne refused " + method + " " + path + " (HTTP " + status + ")");
            }
            try {
                return res.body().isBlank() ? json.createObjectNode() : json.readTree(res.body());
            } catch (IOException e) {
                return json.createObjectNode();
            }
        }
    }

    private static void sleep(Duration d) throws BackendException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.NETWORK, "interrupted");
        }
    }

    /** Drops everything under the device's scope (a DIFF with nothing), e.g. when a device is retired. */
    public String clear(String scope) throws BackendException {
        return upload(scope, new JupiterOneEntities.Graph(new ArrayList<>(), new ArrayList<>()));
    }
}

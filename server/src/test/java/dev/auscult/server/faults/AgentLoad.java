package dev.auscult.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auscult.server.AgentReports;
import dev.auscult.server.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Agents speaking the contract as the real agent does, for the fault suite: each sends real scan-report/1
 * bodies back to back and sorts every answer the way the agent's outbox does — acknowledged (the server named
 * the report back: the agent deletes it), refused (a GraphQL error that is not "try later": the agent would set
 * the report aside), or retry (503/429, a cut connection, anything else: the agent keeps it). The server's
 * address can change between phases (a restarted process on a new port).
 */
final class AgentLoad implements AutoCloseable {

    record Device(String deviceId, String token) {
    }

    /** What the agents saw: the counts the fault suite reports, and the IDs acknowledged (checked against the database). */
    record Counts(long sent, long acknowledged, long refused, long retried, Set<String> acknowledgedIds, List<String> refusals) {
        @Override
        public String toString() {
            return "sent=" + sent + " acknowledged=" + acknowledged + " refused=" + refused + " retried=" + retried;
        }
    }

    private static final ObjectMapper JSON = Http.JSON;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String account;
    private final List<Device> devices;
    private final String report = AgentReports.debian11();
    /** The same device passing: with {@link #alternating}, every report a device sends changes its compliance. */
    private final String passing = report.replaceAll("\"verdict\" : \"(FAIL|UNKNOWN|NUDGE)\"", "\"verdict\" : \"PASS\"")
            .replaceFirst("\"status\" : \"[A-Z]+\"", "\"status\" : \"PASS\"");
    private volatile boolean alternating;
    private volatile URI endpoint;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    private ExecutorService agents;

    private AgentLoad(URI endpoint, String account, List<Device> devices) {
        this.endpoint = endpoint;
        this.account = account;
        this.devices = devices;
    }

    /** Activates one device per code (as `auscult activate` would), ready to report. */
    static AgentLoad activate(URI endpoint, String account, Map<String, String> codeByEmail) throws Exception {
        List<Device> devices = new ArrayList<>();
        int i = 0;
        for (var e : codeByEmail.entrySet()) {
            HttpResponse<String> r = Http.graphql(endpoint, Http.ACTIVATE, Http.activation(account, e.getKey(), e.getValue(), "fault-" + i++), Map.of());
            JsonNode d = Http.json(r).at("/data/activateDevice");
            if (!d.hasNonNull("apiToken")) {
                throw new IllegalStateException("activation failed: HTTP " + r.statusCode() + " " + r.body());
            }
            devices.add(new Device(d.path("deviceId").asText(), d.path("apiToken").asText()));
        }
        return new AgentLoad(endpoint, account, devices);
    }

    /** Each device alternates failing and passing reports: every stored report is a change to push. */
    AgentLoad alternating() {
        this.alternating = true;
        return this;
    }

    void pointAt(URI newEndpoint) {
        this.endpoint = newEndpoint;
    }

    void start() {
        running.set(true);
        agents = Executors.newVirtualThreadPerTaskExecutor();
        for (Device d : devices) {
            agents.submit(() -> {
                // as the agent's outbox does: a report not answered is sent again, same ID and body, until it is
                boolean pass = false;
                String reportId = UUID.randomUUID().toString();
                while (running.get()) {
                    if (send(d, reportId, alternating && pass ? passing : report)) {
                        pass = !pass;
                        reportId = UUID.randomUUID().toString();
                    }
                }
                return null;
            });
        }
    }

    /** One attempt; true when the report is done with (acknowledged, or refused and set aside). */
    private boolean send(Device d, String reportId, String report) throws InterruptedException {
        sent.incrementAndGet();
        try {
            String body = JSON.writeValueAsString(Map.of("query", Http.REPORT, "variables",
                    Map.of("input", Map.of("deviceId", d.deviceId(), "reportId", reportId, "report", report))));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                    .header("JupiterOne-Account", account).header("Authorization", "Bearer " + d.token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
            if (answer != null && reportId.equals(answer.at("/data/reportScan/reportId").asText(null))) {
                acknowledged.add(reportId);
                return true;
            } else if (answer != null && answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
                refused.incrementAndGet();
                refusals.add(answer.path("errors").get(0).toString());
                return true;
            } else {
                retried.incrementAndGet();
                Thread.sleep(50);
                return false;
            }
        } catch (java.io.IOException e) {
            retried.incrementAndGet(); // refused connection, cut connection: the agent keeps the report
            Thread.sleep(50);
            return false;
        }
    }

    Counts stop() throws InterruptedException {
        running.set(false);
        if (agents != null) {
            agents.shutdown();
            agents.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            agents = null;
        }
        return counts();
    }

    Counts counts() {
        return new Counts(sent.get(), acknowledged.size(), refused.get(), retried.get(), Set.copyOf(acknowledged), List.copyOf(refusals));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

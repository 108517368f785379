package dev.auscult.server.bench;

import dev.auscult.server.store.Account;

import dev.auscult.server.service.Actor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.auscult.policy.Policy;
import dev.auscult.server.RunningServer;
import dev.auscult.server.TrustedDevice;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bench/signin-load.sh: the device step at a fixed rate of sign-ins per second over loopback, on the embedded
 * database. Each sign-in is what a relying party, a browser and an agent do: authorize (the step's added latency),
 * the page, the device's signed answer, the page again (the code), the token. Prints p50/p99 per call and the rate held.
 *
 * <p>Usage: {@code SignInLoad RATE SECONDS DEVICES [sqlite|postgresql]} (PostgreSQL: a throw-away cluster, as the tests start one)
 */
public final class SignInLoad {

    private static final String CALLBACK = "http://127.0.0.1:9/callback";

    private SignInLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int devices = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("signin-load");
        String db = args.length > 3 && args[3].equals("postgresql")
                ? dev.auscult.server.TestDatabases.all().filter(k -> k.name().equals("PostgreSQL")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed")).freshUrl()
                : "sqlite:" + dir.resolve("auscult.db");
        try (RunningServer server = RunningServer.start(db, m -> { })) {
            var s = server.services;
            s.accounts().create("bench", "Bench", "bench");
            StringBuilder people = new StringBuilder();
            for (int i = 0; i < devices; i++) {
                people.append("p").append(i).append("@bench.example,P").append(i).append(",eng\n");
            }
            s.people().importCsv(new Account("bench"), people.toString(), Actor.cli("bench", "bench"));
            String yaml = "automaticUpdates: ALWAYS\n";
            s.policies().publish(new Account("bench"), Optional.empty(), "policy.yaml", yaml, Actor.cli("bench", "bench"));
            Policy policy = s.policies().validate("policy.yaml", yaml);
            var client = s.signInClients().register(new Account("bench"), "Bench SSO", List.of(CALLBACK), Actor.cli("bench", "bench"));
            // the agents: real homes (activated, device key, a report sent); their answers are the agent's request exactly
            // (ConfirmSignIn, DPoP-signed over the body), sent on one shared client so the load generator measures the server
            record Agent(String deviceId, String token, dev.auscult.sync.DeviceKey key) {
            }
            List<Agent> fleet = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                TrustedDevice d = TrustedDevice.activate(server, dir, "d" + i, "bench", "p" + i + "@bench.example");
                d.report(policy, true);
                fleet.add(new Agent(d.record().deviceId(), d.credentials().load("bench").orElseThrow().value(),
                        dev.auscult.sync.DeviceKey.load(d.state().deviceKeyFile()).orElseThrow()));
            }
            String confirmQuery = new String(dev.auscult.sync.BackendClient.class.getResourceAsStream("operations/ConfirmSignIn.graphql").readAllBytes(),
                    StandardCharsets.UTF_8);
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString((client.client().clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
            var authorize = new ConcurrentLinkedQueue<Long>();
            var answer = new ConcurrentLinkedQueue<Long>();
            var code = new ConcurrentLinkedQueue<Long>();
            var token = new ConcurrentLinkedQueue<Long>();
            var whole = new ConcurrentLinkedQueue<Long>();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            Pattern prove = Pattern.compile("challenge=([A-Za-z0-9_-]+)&amp;");
            ObjectMapper json = new ObjectMapper();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                long start = System.nanoTime();
                long total = (long) rate * seconds;
                for (long i = 0; i < total; i++) {
                    long due = start + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    Agent device = fleet.get((int) (i % devices));
                    pool.submit(() -> {
                        try {
                            long t0 = System.nanoTime();
                            CodeVerifier verifier = new CodeVerifier();
                            String q = "client_id=" + client.client().clientId() + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                                    + "&response_type=code&scope=openid&state=s&nonce=n&code_challenge_method=S256&code_challenge="
                                    + CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
                            HttpResponse<String> a = http.send(HttpRequest.newBuilder(server.base().resolve("/oidc/authorize?" + q)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long t1 = System.nanoTime();
                            URI page = server.base().resolve(a.headers().firstValue("Location").orElseThrow());
                            String cookie = a.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                            HttpResponse<String> shown = http.send(HttpRequest.newBuilder(page).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
                            Matcher m = prove.matcher(shown.body());
                            if (!m.find()) {
                                throw new IllegalStateException("no challenge on the page");
                            }
                            long t2 = System.nanoTime();
                            byte[] body = json.writeValueAsBytes(java.util.Map.of("query", confirmQuery, "operationName", "ConfirmSignIn", "variables",
                                    java.util.Map.of("input", java.util.Map.of("deviceId", device.deviceId(), "challenge", m.group(1)))));
                            HttpResponse<String> answered = http.send(HttpRequest.newBuilder(server.graphql()).header("Content-Type", "application/json")
                                    .header("JupiterOne-Account", "bench").header("Authorization", "Bearer " + device.token())
                                    .header("DPoP", device.key().proof("POST", server.graphql(), body, device.token(), java.time.Instant.now()))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                            if (!answered.body().contains("\"ALLOWED\"")) {
                                throw new IllegalStateException("answer: " + answered.statusCode() + " " + answered.body());
                            }
                            long t3 = System.nanoTime();
                            HttpResponse<String> back = http.send(HttpRequest.newBuilder(page).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
                            String location = back.headers().firstValue("Location").orElseThrow();
                            String c = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
                            long t4 = System.nanoTime();
                            HttpResponse<String> t = http.send(HttpRequest.newBuilder(server.base().resolve("/oidc/token")).header("Authorization", basic)
                                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                                            "grant_type=authorization_code&code=" + c + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8)
                                                    + "&code_verifier=" + verifier.getValue())).build(), HttpResponse.BodyHandlers.ofString());
                            if (t.statusCode() != 200 || !json.readTree(t.body()).hasNonNull("id_token")) {
                                throw new IllegalStateException("token: " + t.statusCode());
                            }
                            long t5 = System.nanoTime();
                            authorize.add(t1 - t0);
                            answer.add(t3 - t2);
                            code.add(t4 - t3);
                            token.add(t5 - t4);
                            whole.add(t5 - t0);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            if (failed.incrementAndGet() <= 3) {
                                System.err.println("sign-in failed: " + e);
                            }
                        }
                        return null;
                    });
                }
            }
            System.out.printf((db.startsWith("sqlite") ? "[sqlite] " : "[postgresql] ") + "%d sign-ins/s for %d s (%d devices): %d done, %d failed; authorize p50=%.1f p99=%.1f ms; device answer p50=%.1f p99=%.1f ms; "
                            + "code p50=%.1f p99=%.1f ms; token p50=%.1f p99=%.1f ms; whole sign-in (server side) p50=%.1f p99=%.1f ms%n",
                    rate, seconds, devices, done.get(), failed.get(), p(authorize, 50), p(authorize, 99), p(answer, 50), p(answer, 99), p(code, 50), p(code, 99),
                    p(token, 50), p(token, 99), p(whole, 50), p(whole, 99));
        }
    }

    private static double p(java.util.Collection<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}

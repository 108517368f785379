package dev.auscult.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Keycloak (the Maven artifact's own distribution, unpacked by the build) started once per test JVM in
 * development mode on loopback; each test class creates its own realm through the admin REST API. Stopped with its
 * process tree when the JVM ends.
 */
final class KeycloakServer implements AutoCloseable {

    final int port;
    private final Process process;
    final Path log;
    private final String adminPassword;
    private static KeycloakServer shared;

    private KeycloakServer(int port, Process process, Path log, String adminPassword) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /** The test JVM's Keycloak, started on first use (about 15 s), stopped at exit. */
    static synchronized KeycloakServer shared() throws Exception {
        if (shared == null || !shared.process.isAlive()) {
            shared = start(freePort());
            KeycloakServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /** Creates a realm from its JSON representation (replacing one of the same name). */
    void createRealm(String name, String realmJson) throws Exception {
        String token = adminToken();
        Http.send(HttpRequest.newBuilder(base().resolve("/admin/realms/" + name)).header("Authorization", "Bearer " + token).DELETE().build());
        var r = Http.send(HttpRequest.newBuilder(base().resolve("/admin/realms")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(realmJson)).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the realm " + name + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** An admin REST call (GET, or DELETE when {@code delete}); returns the body. */
    String admin(String path, boolean delete) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve("/admin/realms/" + path)).header("Authorization", "Bearer " + adminToken());
        var r = Http.send((delete ? b.DELETE() : b.GET()).build());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak admin " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private String adminToken() throws Exception {
        var r = Http.send(HttpRequest.newBuilder(base().resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=admin&password=" + adminPassword)).build());
        return Http.json(r).path("access_token").asText();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts Keycloak; waits until its master realm answers. */
    private static KeycloakServer start(int port) throws Exception {
        Optional<Path> home = Optional.ofNullable(System.getenv("AUSCULT_KEYCLOAK_HOME")).map(Path::of).filter(h -> Files.isRegularFile(h.resolve("bin/kc.sh")));
        if (home.isEmpty() && "1".equals(System.getenv("AUSCULT_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("AUSCULT_REQUIRE_BROWSER=1 but Keycloak is not unpacked (AUSCULT_KEYCLOAK_HOME=" + System.getenv("AUSCULT_KEYCLOAK_HOME") + ")");
        }
        Assumptions.assumeTrue(home.isPresent(), "Keycloak is not unpacked (run through Maven: the build unpacks org.keycloak:keycloak-quarkus-dist)");
        Path data = home.get().resolve("data");
        if (Files.exists(data)) {
            try (var walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());   // a fresh realm every run
            }
        }
        Path log = home.get().resolve("keycloak-test.log");
        ProcessBuilder pb = new ProcessBuilder("bash", home.get().resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(), "--hostname-strict=false")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        String password = "admin-" + System.nanoTime();
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
        KeycloakServer kc = new KeycloakServer(port, pb.start(), log, password);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        URI wellKnown = kc.base().resolve("/realms/master/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!kc.process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting:\n" + tail(log));
            }
            try {
                if (Http.send(HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(2)).build()).statusCode() == 200) {
                    return kc;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        kc.close();
        throw new IllegalStateException("Keycloak did not answer within 150 s:\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

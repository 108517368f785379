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
 * A real Keycloak (the Maven artifact's own distribution, unpacked by the build) started in development mode on
 * loopback with one realm imported from JSON, for the device-trust tests; stopped with its process tree.
 */
final class KeycloakServer implements AutoCloseable {

    final int port;
    private final Process process;
    final Path log;

    private KeycloakServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts Keycloak with the realm ({@code realmJson}, whose name is {@code realm}); waits until the realm answers. */
    static KeycloakServer start(int port, String realm, String realmJson) throws Exception {
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
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import/" + realm + "-realm.json"), realmJson);
        Path log = home.get().resolve("keycloak-test.log");
        ProcessBuilder pb = new ProcessBuilder("bash", home.get().resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(), "--hostname-strict=false")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + System.nanoTime());
        KeycloakServer kc = new KeycloakServer(port, pb.start(), log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        URI wellKnown = kc.base().resolve("/realms/" + realm + "/.well-known/openid-configuration");
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

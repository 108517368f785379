package dev.auscult.app;

import dev.auscult.config.AppPaths;
import dev.auscult.config.ManagedFileTrust;
import dev.auscult.config.AgentConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auscult.localapi.LocalApiSettings;
import dev.auscult.probe.SourceCatalog;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local API is off unless origins are configured, and a taken port is reported, not fatal. */
class LocalApiRunnerTest {

    @TempDir
    Path dir;

    private AgentConfig config(String yaml) throws Exception {
        AppPaths paths = new AppPaths(dir.resolve("user"), dir.resolve("state"), dir.resolve("managed"));
        Files.createDirectories(paths.configDir());
        Files.writeString(paths.configDir().resolve("config.yaml"), yaml);
        return AgentConfig.load(paths, ManagedFileTrust.anyOwner());
    }

    @Test
    void stethoscopeConfigKeysEnableIt() throws Exception {
        AgentConfig c = config("""
                allowHosts:
                  - "https://portal.example.com"
                hostLabels:
                  - pattern: "^https://sso\\\\.example\\\\.com$"
                    name: Example SSO
                localApi:
                  port: 38000
                  freshnessSeconds: 30
                """);
        LocalApiSettings api = c.localApi();
        assertEquals(38000, api.port());
        assertTrue(api.origins().allows("https://portal.example.com"));
        assertEquals(Optional.of("Example SSO"), api.origins().label("https://sso.example.com"));
        assertTrue(!api.origins().allows("https://sso.example.com.evil.net"));
        assertEquals(30, api.freshness().toSeconds());
        assertTrue(AgentConfig.defaults().localApi().origins().isEmpty(), "off by default");
    }

    @Test
    void aTakenPortIsReportedAndTheAgentCarriesOn() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentConfig c = config("allowHosts: [\"https://portal.example.com\"]\nlocalApi: {port: " + squatter.getLocalPort() + "}\n");
            CompletableFuture<Optional<LocalApiProblem>> problem = new CompletableFuture<>();
            try (LocalApiRunner runner = new LocalApiRunner(c.localApi(), new ScanService(SourceCatalog.bundled(), "1.0.0", Clock.systemUTC()),
                    "1.0.0", scan -> { }, problem::complete)) {
                runner.start();
                assertEquals(new LocalApiProblem.PortInUse(squatter.getLocalPort()), problem.get(10, TimeUnit.SECONDS).orElseThrow());
                assertTrue(runner.port().isEmpty());
            }
        }
    }
}

package dev.auscult.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration mistake is named — the setting, where it came from, the value read — and a typo is pointed out. */
class ServerConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void aNumberThatIsNotOneNamesTheSettingAndTheValue() throws Exception {
        IOException env = assertThrows(IOException.class, () -> ServerConfig.load(Optional.empty(), Map.of("AUSCULT_CODE_LIFETIME_DAYS", "two")));
        assertEquals("AUSCULT_CODE_LIFETIME_DAYS must be a whole number, not \u201ctwo\u201d", env.getMessage());
        Path file = Files.writeString(dir.resolve("server.yaml"), "codeLifetimeDays: 0\nsmtp:\n  host: mail.acme.example\n  port: 25x\n");
        IOException zero = assertThrows(IOException.class, () -> ServerConfig.load(Optional.of(file), Map.of()));
        assertEquals("smtp.port must be a whole number, not \u201c25x\u201d", zero.getMessage());
        Files.writeString(file, "codeLifetimeDays: 0\n");
        assertEquals("codeLifetimeDays must be between 1 and 365, not 0",
                assertThrows(IOException.class, () -> ServerConfig.load(Optional.of(file), Map.of())).getMessage());
    }

    @Test
    void unknownKeysAreListedForAWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("server.yaml"), """
                port: 8443
                smpt:
                  host: mail.acme.example
                tls:
                  keystore: /etc/auscult/tls.p12
                downloads:
                  linux: https://acme.example/auscult.deb
                """);
        assertEquals(List.of("smpt", "tls.keystore"), ServerConfig.unknownKeys(file));
    }
}

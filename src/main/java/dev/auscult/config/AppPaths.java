package dev.auscult.config;

import dev.auscult.posture.OsPlatform;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Auscult keeps things: per-user configuration and state, and the system-wide directory an admin
 * or MDM writes managed configuration into (which wins over the user's).
 */
public record AppPaths(Path configDir, Path stateDir, Path managedDir) {

    /** The OS conventions; {@code -Dauscult.home=DIR} puts everything under one directory (tests, portable use). */
    public static AppPaths forCurrentUser(OsPlatform platform, Map<String, String> env, Path home) {
        Optional<String> override = Optional.ofNullable(System.getProperty("auscult.home"));
        if (override.isPresent()) {
            Path root = Path.of(override.get());
            return new AppPaths(root.resolve("config"), root.resolve("state"), root.resolve("managed"));
        }
        return switch (platform) {
            case DARWIN -> {
                Path support = home.resolve("Library/Application Support/Auscult");
                yield new AppPaths(support, support, Path.of("/Library/Application Support/Auscult"));
            }
            case WIN32 -> {
                Path local = Path.of(env.getOrDefault("LOCALAPPDATA", home.resolve("AppData/Local").toString()), "Auscult");
                yield new AppPaths(local, local, Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "Auscult"));
            }
            case LINUX -> new AppPaths(
                    xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("auscult"),
                    xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("auscult"),
                    Path.of("/etc/auscult"));
        };
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // the XDG spec says relative values are invalid and must be ignored
        return v != null && v.startsWith("/") ? Path.of(v) : fallback;
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    public Path lastReportFile() {
        return stateDir.resolve("last-report.json");
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    /** Unix-domain socket paths are limited to 108 bytes on Linux and 104 on macOS, terminator included. */
    public static final int MAX_SOCKET_PATH_BYTES = 100;

    /**
     * The single-instance socket: in the state directory, unless a long home directory makes that path too
     * long for a Unix socket (binding would fail and two tray apps would run) — then in the user's
     * {@code XDG_RUNTIME_DIR}, else a per-user 0700 directory under the temporary directory, both named by
     * a hash of the state directory so different homes never meet.
     */
    public Path instanceSocket() {
        Path preferred = stateDir.resolve("auscult.sock");
        if (fits(preferred)) {
            return preferred;
        }
        String id = Integer.toHexString(stateDir.toAbsolutePath().normalize().toString().hashCode());
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/") && fits(Path.of(runtime, "auscult-" + id + ".sock"))) {
            return Path.of(runtime, "auscult-" + id + ".sock");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "auscult-" + System.getProperty("user.name", "user") + "-" + id, "a.sock");
    }

    private static boolean fits(Path socket) {
        return socket.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
    }
}

package dev.auscult.storage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home directory as the desktop sees it. On Linux and macOS that is {@code $HOME}: the JVM's
 * {@code user.home} comes from the password database and ignores it, so a session with a moved or
 * sandboxed home (Flatpak, a test account, {@code HOME=/tmp/x}) would otherwise read and write somewhere
 * else than every other program. On Windows, {@code user.home} is already the profile folder.
 */
public final class UserHome {

    private UserHome() {
    }

    public static Path of(Map<String, String> env, String userHomeProperty, String osName) {
        String home = env.get("HOME");
        if (!osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") && home != null && !home.isBlank()) {
            try {
                Path p = Path.of(home);
                // the same rule as the XDG variables: a relative value is not a home
                if (p.isAbsolute()) {
                    return p;
                }
            } catch (InvalidPathException ignored) {
                // fall through to the JVM's idea of home
            }
        }
        return Path.of(userHomeProperty);
    }

    /** This process's home. */
    public static Path current() {
        return of(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
    }
}

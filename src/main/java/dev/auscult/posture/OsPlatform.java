package dev.auscult.posture;

import java.util.Locale;
import java.util.Optional;

/** The operating-system families a policy can target, spelled as Stethoscope policies spell them. */
public enum OsPlatform {
    DARWIN("darwin", "macOS"),
    WIN32("win32", "Windows"),
    LINUX("linux", "Linux");

    private final String key;
    private final String displayName;

    OsPlatform(String key, String displayName) {
        this.key = key;
        this.displayName = displayName;
    }

    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<OsPlatform> fromKey(String key) {
        for (OsPlatform p : values()) {
            if (p.key.equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Maps a Java {@code os.name} value to the platform family. */
    public static Optional<OsPlatform> fromOsName(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        if (n.startsWith("mac") || n.startsWith("darwin")) {
            return Optional.of(DARWIN);
        }
        if (n.startsWith("windows")) {
            return Optional.of(WIN32);
        }
        if (n.startsWith("linux")) {
            return Optional.of(LINUX);
        }
        return Optional.empty();
    }
}

package dev.auscult.probe;

import java.util.Locale;
import java.util.Optional;

/** How reading one evidence source went, spelled in snapshots as the lower-case name. */
public enum ReadStatus {
    OK, MISSING, DENIED, TIMEOUT, ERROR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReadStatus> fromKey(String key) {
        for (ReadStatus s : values()) {
            if (s.key().equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

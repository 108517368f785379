package dev.auscult.server.store;

import java.util.Optional;

/**
 * An account's settings from the console: its name and look as people see them, where they download the agent, the
 * activation mail's opening words, and {@code publicUrl}, the address agents reach this server at for this account
 * (empty: the server's publicUrl setting).
 */
public record Settings(Optional<String> displayName, Optional<String> accentColour, Optional<String> logoUrl,
                       Optional<String> downloadMacos, Optional<String> downloadWindows, Optional<String> downloadLinux,
                       Optional<String> mailIntro, Optional<String> publicUrl) {

    public static Settings none() {
        return new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}

package dev.auscult.app;

import dev.auscult.storage.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Loads and saves {@link UserSettings} as JSON. A corrupt file is kept aside as
 * {@code settings.json.corrupt} (nothing is lost) and the defaults are used, with a warning in the log.
 */
public final class SettingsStore {

    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path file) {
        this.file = file;
    }

    public UserSettings load() {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return UserSettings.defaults();
        } catch (IOException e) {
            return setAside("cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return setAside("is not a JSON object");
        }
        try {
            return json.treeToValue(root, Stored.class).toSettings();
        } catch (DateTimeParseException e) {
            return setAside("has an invalid time: " + e.getParsedString());
        } catch (IOException | RuntimeException e) {
            return setAside("has a value of the wrong type");
        }
    }

    /** settings.json as stored; absent times are left out, absent switches take their defaults. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Stored(Boolean launchAtLogin, String snoozedUntil, String lastReminderAt, Boolean activationPrompted, Boolean hideIconWhileFine) {
        static Stored of(UserSettings s) {
            return new Stored(s.launchAtLogin(), s.snoozedUntil().map(Instant::toString).orElse(null),
                    s.lastReminderAt().map(Instant::toString).orElse(null), s.activationPrompted(), s.hideIconWhileFine());
        }

        UserSettings toSettings() {
            return new UserSettings(launchAtLogin == null || launchAtLogin, Optional.ofNullable(snoozedUntil).map(Instant::parse),
                    Optional.ofNullable(lastReminderAt).map(Instant::parse), activationPrompted != null && activationPrompted,
                    hideIconWhileFine != null && hideIconWhileFine);
        }
    }

    private UserSettings setAside(String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(Level.WARNING, "settings file {0} {1}; kept as {2}, using defaults", file, why, aside);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "settings file {0} {1} and could not be set aside: {2}", file, why, e.getMessage());
        }
        return UserSettings.defaults();
    }

    public void save(UserSettings settings) throws IOException {
        AtomicFiles.write(file, json.writeValueAsString(Stored.of(settings)) + "\n");
    }
}

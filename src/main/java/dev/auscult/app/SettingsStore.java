package dev.auscult.app;

import dev.auscult.storage.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            return new UserSettings(root.path("launchAtLogin").asBoolean(true), instant(root, "snoozedUntil"), instant(root, "lastReminderAt"),
                    root.path("activationPrompted").asBoolean(false));
        } catch (DateTimeParseException e) {
            return setAside("has an invalid time: " + e.getParsedString());
        }
    }

    private static Optional<Instant> instant(JsonNode root, String field) {
        return root.hasNonNull(field) ? Optional.of(Instant.parse(root.get(field).asText())) : Optional.empty();
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
        ObjectNode root = json.createObjectNode();
        root.put("launchAtLogin", settings.launchAtLogin());
        settings.snoozedUntil().ifPresent(t -> root.put("snoozedUntil", t.toString()));
        settings.lastReminderAt().ifPresent(t -> root.put("lastReminderAt", t.toString()));
        root.put("activationPrompted", settings.activationPrompted());
        AtomicFiles.write(file, json.writeValueAsString(root) + "\n");
    }
}

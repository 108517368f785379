package dev.auscult.cli;

import dev.auscult.config.AgentConfig;
import dev.auscult.config.AppPaths;
import dev.auscult.app.DisplayLanguage;
import dev.auscult.posture.Finding;
import dev.auscult.posture.OsPlatform;
import dev.auscult.report.FindingText;
import dev.auscult.report.Messages;
import dev.auscult.storage.UserHome;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The command line's words in the person's language: {@code --locale}, else {@code -Dauscult.locale}, else
 * {@code locale:} in config.yaml (the managed copy's wins), else the terminal's (LANG). Identifiers stay as
 * they are in every language — verdicts (PASS, FAIL…), practice keys, option names, JSON — so scripts and
 * documentation keep working; {@code --json} is the form for scripts.
 *
 * <p>Nothing is read until the first word is needed: {@code scan --json} never loads the configuration for it.
 */
final class CliText {

    private final Supplier<Locale> chosen;
    private Messages messages;
    private FindingText findings;

    private CliText(Supplier<Locale> chosen) {
        this.chosen = chosen;
    }

    static CliText forLanguage(Optional<String> asked) {
        return new CliText(() -> DisplayLanguage.choose(asked.or(() -> Optional.ofNullable(System.getProperty("auscult.locale")))
                .or(CliText::configuredLanguage), Locale.getDefault()).locale());
    }

    /** config.yaml's {@code locale:}, read alone: the command's own services (source catalog, credential store) are not needed for it. */
    private static Optional<String> configuredLanguage() {
        OsPlatform platform = OsPlatform.fromOsName(System.getProperty("os.name", "")).orElse(OsPlatform.LINUX);
        return AgentConfig.load(AppPaths.forCurrentUser(platform, System.getenv(), UserHome.current())).language();
    }

    private void load() {
        if (messages == null) {
            Locale locale = chosen.get();
            messages = Messages.bundled(CliText.class, "cli", locale);
            findings = FindingText.of(locale);
        }
    }

    String get(String key, Object... args) {
        load();
        return messages.get(key, args);
    }

    String finding(Finding finding) {
        return findings().say(finding);
    }

    FindingText findings() {
        load();
        return findings;
    }
}

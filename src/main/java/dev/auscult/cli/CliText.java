package dev.auscult.cli;

import dev.auscult.app.AgentServices;
import dev.auscult.app.DisplayLanguage;
import dev.auscult.posture.Finding;
import dev.auscult.report.BundledTranslations;
import dev.auscult.report.FindingText;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Properties;
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
    private Locale locale;
    private Properties english;
    private Properties own;
    private FindingText findings;

    CliText(Locale locale) {
        this(() -> locale);
    }

    private CliText(Supplier<Locale> chosen) {
        this.chosen = chosen;
    }

    static CliText forLanguage(Optional<String> asked) {
        return new CliText(() -> DisplayLanguage.choose(asked.or(() -> Optional.ofNullable(System.getProperty("auscult.locale")))
                .or(() -> AgentServices.forThisUser().config().language()), Locale.getDefault()).locale());
    }

    private void load() {
        if (locale != null) {
            return;
        }
        locale = chosen.get();
        english = BundledTranslations.english(CliText.class, "cli");
        own = BundledTranslations.of(CliText.class, "cli", locale);
        findings = FindingText.of(locale);
    }

    Locale locale() {
        load();
        return locale;
    }

    String get(String key, Object... args) {
        load();
        String pattern = own.getProperty(key, english.getProperty(key));
        if (pattern == null) {
            throw new MissingResourceException("no text for " + key, "cli", key);
        }
        return args.length == 0 && pattern.indexOf('\'') < 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    String finding(Finding finding) {
        return findings().say(finding);
    }

    FindingText findings() {
        load();
        return findings;
    }
}

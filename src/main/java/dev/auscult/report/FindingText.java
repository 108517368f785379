package dev.auscult.report;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Phrase;
import java.util.Locale;
import java.util.Properties;

/**
 * Findings said in one language, for the person at the device (the window, notifications, the command
 * line's table). Reports, the local API and evidence exports keep the English wording.
 *
 * <p>Translations live in {@code findings_<language>.properties} keyed by {@link Phrase#key()}; a phrase a
 * file lacks is said in English rather than not at all.
 */
public final class FindingText {

    public static final FindingText ENGLISH = new FindingText(Locale.ENGLISH, new Properties());

    private final Locale locale;
    private final Properties translations;

    private FindingText(Locale locale, Properties translations) {
        this.locale = locale;
        this.translations = translations;
    }

    /** The language's findings; English for English and for a language not shipped. */
    public static FindingText of(Locale locale) {
        Properties p = BundledTranslations.of(FindingText.class, "findings", locale);
        return p.isEmpty() ? ENGLISH : new FindingText(locale, p);
    }

    public Locale locale() {
        return locale;
    }

    public String say(Finding finding) {
        return finding.text(this::pattern);
    }

    /** The phrase's pattern in this language, or null when it has no translation (tests check none is missing). */
    public String translation(Phrase phrase) {
        return translations.getProperty(phrase.key());
    }

    private String pattern(Phrase phrase) {
        return translations.getProperty(phrase.key(), phrase.english());
    }
}

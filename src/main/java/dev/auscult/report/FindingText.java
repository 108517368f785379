package dev.auscult.report;

import dev.auscult.posture.Finding;
import dev.auscult.posture.Phrase;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    public static FindingText of(Locale locale) {
        if (locale.getLanguage().equals("en") || locale.getLanguage().isEmpty()) {
            return ENGLISH;
        }
        Properties p = read("findings_" + locale.getLanguage() + "_" + locale.getCountry() + ".properties");
        if (p.isEmpty()) {
            p = read("findings_" + locale.getLanguage() + ".properties");
        }
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

    private static Properties read(String name) {
        Properties p = new Properties();
        try (InputStream in = FindingText.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + name + " is unreadable", e);
        }
        return p;
    }
}

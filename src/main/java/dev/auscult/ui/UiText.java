package dev.auscult.ui;

import dev.auscult.posture.Finding;
import dev.auscult.report.BundledTranslations;
import dev.auscult.report.FindingText;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * The UI's own words in the display language ({@code dev/auscult/ui/messages*.properties}, UTF-8, English
 * for any key a language lacks). Patterns are {@link MessageFormat}s: variables and plurals in the pattern,
 * never glued on, and a lone ASCII apostrophe is a quote there — translations use ’.
 *
 * <p>The files are read as plain properties rather than through {@link ResourceBundle#getBundle}, whose
 * lookup machinery cost 14 ms on the start-up path; a pattern without variables or quotes is returned as
 * it is, without a MessageFormat.
 */
public final class UiText {

    public static final UiText ENGLISH = new UiText(Locale.ENGLISH);

    private final Locale locale;
    private final Function<String, String> patterns;
    /** Read when the first finding is said: the tray alone never needs it. */
    private FindingText findings;

    public UiText(Locale locale) {
        this.locale = locale;
        Properties english = BundledTranslations.english(UiText.class, "messages");
        Properties own = BundledTranslations.of(UiText.class, "messages", locale);
        this.patterns = key -> {
            String p = own.getProperty(key, english.getProperty(key));
            if (p == null) {
                throw new MissingResourceException("no text for " + key, "messages", key);
            }
            return p;
        };
    }

    /** A bundle of one's own (tests: a pseudo-language that is longer and accented). */
    UiText(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.patterns = bundle::getString;
    }

    public Locale locale() {
        return locale;
    }

    /** What a probe or the policy found, in this language. */
    public String finding(Finding finding) {
        return findings().say(finding);
    }

    /** The language's words for findings and other phrases of the layers below the UI. */
    public FindingText findings() {
        if (findings == null) {
            findings = FindingText.of(locale);
        }
        return findings;
    }

    public String get(String key, Object... args) {
        String pattern = patterns.apply(key);
        if (args.length == 0 && pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}

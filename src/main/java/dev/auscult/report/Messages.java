package dev.auscult.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.function.Function;

/**
 * One family of word files in one language — the window's, the command line's: a {@link MessageFormat}
 * pattern per key, the language's own else English. A pattern without variables or quotes is returned as it
 * is, without a MessageFormat.
 */
public final class Messages {

    private final Locale locale;
    private final Function<String, String> patterns;

    public Messages(Locale locale, Function<String, String> patterns) {
        this.locale = locale;
        this.patterns = patterns;
    }

    /** {@code <base>*.properties} next to {@code owner} (see {@link BundledTranslations}). */
    public static Messages bundled(Class<?> owner, String base, Locale locale) {
        Properties english = BundledTranslations.english(owner, base);
        Properties own = BundledTranslations.of(owner, base, locale);
        return new Messages(locale, key -> {
            String p = own.getProperty(key, english.getProperty(key));
            if (p == null) {
                throw new MissingResourceException("no text for " + key, base, key);
            }
            return p;
        });
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        String pattern = patterns.apply(key);
        if (args.length == 0 && pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}

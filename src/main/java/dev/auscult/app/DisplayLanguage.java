package dev.auscult.app;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language Auscult speaks to the person at the device: one of those it ships, chosen from what
 * they asked for (--locale, or the organisation's managed config) or else the operating system's.
 * Dates and numbers keep the OS locale's formats (a Swiss user reading English still sees 1.12.2026).
 */
public record DisplayLanguage(Locale locale) {

    private static final System.Logger LOG = System.getLogger(DisplayLanguage.class.getName());

    /** English first: it is the fallback of every other. */
    public static final List<Locale> SHIPPED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.of("es"), Locale.JAPANESE,
            Locale.of("pt", "BR"));

    public static final DisplayLanguage ENGLISH = new DisplayLanguage(Locale.ENGLISH);

    /**
     * @param asked a BCP 47 tag from --locale or the managed config ("de", "pt-BR", "fr-CA"), if any
     * @param os the operating system's locale
     */
    public static DisplayLanguage choose(Optional<String> asked, Locale os) {
        if (asked.isPresent()) {
            Optional<Locale> match = match(Locale.forLanguageTag(asked.get().strip().replace('_', '-')));
            if (match.isPresent()) {
                return new DisplayLanguage(match.get());
            }
            LOG.log(Level.WARNING, "language \"{0}\" is not one Auscult speaks ({1}); using the system''s", asked.get(), tags());
        }
        return new DisplayLanguage(match(os).orElse(Locale.ENGLISH));
    }

    /** The closest shipped language: the same language in any region (any Portuguese reads pt-BR). */
    static Optional<Locale> match(Locale wanted) {
        return SHIPPED.stream().filter(l -> l.getLanguage().equals(wanted.getLanguage())).findFirst();
    }

    /** "en", "de", "pt-BR": the suffix of the translated files. */
    public String tag() {
        return locale.toLanguageTag();
    }

    public static String tags() {
        return String.join(", ", SHIPPED.stream().map(Locale::toLanguageTag).toList());
    }
}

package dev.auscult.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The UI's own words in the display language (resource bundles {@code dev/auscult/ui/messages*.properties},
 * UTF-8). Patterns are {@link MessageFormat}s: variables and plurals in the pattern, never glued on, and
 * a lone ASCII apostrophe is a quote there — translations use ’.
 */
public final class UiText {

    public static final UiText ENGLISH = new UiText(Locale.ENGLISH);

    private final Locale locale;
    private final ResourceBundle bundle;

    public UiText(Locale locale) {
        this.locale = locale;
        // no fallback to the OS's language: English asked for is English given
        this.bundle = ResourceBundle.getBundle("dev.auscult.ui.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** A bundle of one's own (tests: a pseudo-language that is longer and accented). */
    UiText(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }
}

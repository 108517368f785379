package dev.auscult.ui;

import dev.auscult.posture.Finding;
import dev.auscult.report.FindingText;
import dev.auscult.report.Messages;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The UI's own words in the display language ({@code dev/auscult/ui/messages*.properties}, UTF-8, English
 * for any key a language lacks). Patterns are {@link MessageFormat}s: variables and plurals in the pattern,
 * never glued on, and a lone ASCII apostrophe is a quote there — translations use ’.
 *
 * <p>The files are read as plain properties ({@link Messages}) rather than through
 * {@link ResourceBundle#getBundle}, whose lookup machinery cost 14 ms on the start-up path.
 */
public final class UiText {

    public static final UiText ENGLISH = new UiText(Locale.ENGLISH);

    private final Messages messages;
    /** Read when the first finding is said: the tray alone never needs it. */
    private FindingText findings;

    public UiText(Locale locale) {
        this.messages = Messages.bundled(UiText.class, "messages", locale);
    }

    /** A bundle of one's own (tests: a pseudo-language that is longer and accented). */
    UiText(Locale locale, ResourceBundle bundle) {
        this.messages = new Messages(locale, bundle::getString);
    }

    public Locale locale() {
        return messages.locale();
    }

    /** What a probe or the policy found, in this language. */
    public String finding(Finding finding) {
        return findings().say(finding);
    }

    /** The language's words for findings and other phrases of the layers below the UI. */
    public FindingText findings() {
        if (findings == null) {
            findings = FindingText.of(messages.locale());
        }
        return findings;
    }

    public String get(String key, Object... args) {
        return messages.get(key, args);
    }
}

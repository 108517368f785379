package dev.auscult.probe;

import java.util.regex.Pattern;

/**
 * Whether a value an OS gives as its version is one: digits and dots, with at most a known pre-release suffix.
 * A build template's placeholder that reached real machines ({@code VERSION_ID=TEMPLATE_VERSION_ID}), an empty
 * field filled with text, or garbage is "no version" — named in the reason — never compared against a policy's
 * ranges as if it were one. Shared by every platform's device probe, so the rule is the same everywhere.
 */
public final class VersionText {

    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,4}([-.~]?(alpha|beta|rc|pre|dev|b|a)\\d{0,4})?",
            Pattern.CASE_INSENSITIVE);

    private VersionText() {
    }

    public static boolean isVersion(String value) {
        return VERSION.matcher(value.strip()).matches();
    }
}

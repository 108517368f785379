package dev.auscult.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.auscult.posture.OsPlatform;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How an application requirement's name finds installed software. Policy patterns come from files,
 * backends and web pages, so they are matched with RE2/J: time linear in the name's length whatever the
 * pattern (a backtracking engine spends exponential time on {@code .*.*.*.*!}).
 */
final class NamePattern {

    private NamePattern() {
    }

    /** Why the pattern is not a usable regular expression, or empty when it is. */
    static Optional<String> check(String regex) {
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + " (Auscult's patterns have no look-around or back-references,"
                    + " so that every match takes linear time)");
        }
    }

    static Predicate<String> of(ApplicationRequirement req, OsPlatform platform) {
        String name = req.name();
        return switch (req.match()) {
            case EXACT -> installed -> installed.equalsIgnoreCase(name);
            case REGEX -> regex(name).orElse(installed -> false);
            case STETHOSCOPE -> platform == OsPlatform.DARWIN
                    ? installed -> installed.equalsIgnoreCase(name) || installed.equalsIgnoreCase(name + ".app")
                    // Stethoscope ran new RegExp(name, 'i') on Windows and Linux: plain names match as substrings.
                    : regex(name).orElseGet(() -> substring(name));
        };
    }

    private static Optional<Predicate<String>> regex(String name) {
        try {
            Pattern p = Pattern.compile(name, Pattern.CASE_INSENSITIVE);
            return Optional.of(installed -> p.matcher(installed).find());
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    private static Predicate<String> substring(String name) {
        String needle = name.toLowerCase(Locale.ROOT);
        return installed -> installed.toLowerCase(Locale.ROOT).contains(needle);
    }
}

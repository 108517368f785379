package dev.auscult.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * An npm-style version range ({@code >=}, {@code ||}, hyphen ranges, x-ranges) as Stethoscope policies
 * write them. Like Stethoscope, leading zeros are dropped from each number ({@code 18.04} is 18.4) while
 * inner zeros stay ({@code 10.0.19041} keeps its 19041) — the bug of Stethoscope issue #199.
 */
public record VersionRange(String text, RangeList range) {

    private static final Pattern NUMBERS = Pattern.compile("\\d+(?:\\.\\d+)*");

    /** Empty when the text is not a usable range. */
    public static Optional<VersionRange> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normalised = normaliseNumbers(text.strip());
        RangeList list;
        try {
            list = RangeListFactory.create(normalised);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // semver4j quietly turns nonsense into an empty list instead of failing.
        if (list.get().isEmpty() || list.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new VersionRange(text.strip(), list));
    }

    public boolean satisfiedBy(Semver version) {
        return version.satisfies(range);
    }

    /** A version read off a device, coerced the same way ({@code 13.3.1 (a)}, {@code 1:2.36-9}, {@code 10.0.19045.3693}). */
    public static Optional<Semver> version(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().replaceFirst("^\\d+:", ""); // Debian epoch
        Matcher m = NUMBERS.matcher(s);
        if (!m.find()) {
            return Optional.empty();
        }
        String[] parts = m.group().split("\\.");
        int[] n = new int[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            String digits = parts[i].replaceFirst("^0+(?=\\d)", "");
            if (digits.length() > 9) {
                return Optional.empty();
            }
            n[i] = Integer.parseInt(digits);
        }
        return Optional.of(Semver.create(n[0], n[1], n[2]));
    }

    private static String normaliseNumbers(String range) {
        Matcher m = NUMBERS.matcher(range);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] parts = m.group().split("\\.");
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < Math.min(3, parts.length); i++) {
                if (i > 0) {
                    v.append('.');
                }
                v.append(parts[i].replaceFirst("^0+(?=\\d)", ""));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}

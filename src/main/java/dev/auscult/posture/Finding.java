package dev.auscult.posture;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a probe or the policy found, kept as a phrase and its arguments rather than finished English, so the
 * window and the command line can say it in the user's language while reports keep one wording.
 *
 * <p>An argument is evidence shown as it is (a product name, a setting's value, a recorded error), or another
 * finding said in the same language (the policy's judgement wraps the probe's finding).
 */
public record Finding(Phrase phrase, List<Object> args) {

    public Finding {
        Objects.requireNonNull(phrase, "phrase");
        args = List.copyOf(args.stream().map(Finding::argument).toList());
    }

    public static Finding of(Phrase phrase, Object... args) {
        return new Finding(phrase, List.of(args));
    }

    /** Words that are already final (recorded elsewhere, or not ours): shown as they are in every language. */
    public static Finding plain(String text) {
        return of(CommonPhrase.TEXT, text);
    }

    /**
     * Several items in one, joined pairwise by {@code joiner} ("a and b and c", "first; second"): each
     * language words the join. A single item stands as it is.
     */
    public static Object chain(Phrase joiner, List<?> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        Object all = items.getLast();
        for (int i = items.size() - 2; i >= 0; i--) {
            all = of(joiner, items.get(i), all);
        }
        return all;
    }

    /** The report's wording. */
    public String english() {
        return text(Phrase::english);
    }

    /** This finding in the language whose patterns {@code patterns} gives; nested findings follow the same language. */
    public String text(Function<Phrase, String> patterns) {
        String pattern = patterns.apply(phrase);
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 2 < pattern.length() && Character.isDigit(pattern.charAt(i + 1)) && pattern.charAt(i + 2) == '}') {
                int n = pattern.charAt(i + 1) - '0';
                out.append(n < args.size() ? render(args.get(n), patterns) : "{" + n + "}");
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String render(Object arg, Function<Phrase, String> patterns) {
        return arg instanceof Finding f ? f.text(patterns) : (String) arg;
    }

    private static Object argument(Object a) {
        return switch (a) {
            case Finding f -> f;
            case String s -> s;
            case Number n -> String.valueOf(n); // a measured number is evidence: written as it is, in every language
            case null -> throw new NullPointerException("a finding's argument");
            default -> String.valueOf(a);
        };
    }

    @Override
    public String toString() {
        return english();
    }
}

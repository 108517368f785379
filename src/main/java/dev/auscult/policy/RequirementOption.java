package dev.auscult.policy;

import java.util.Locale;
import java.util.Optional;

/** Stethoscope's requirement levels. Spellings like "Always" or "if supported" from old policies are accepted. */
public enum RequirementOption {
    ALWAYS, SUGGESTED, IF_SUPPORTED, NEVER;

    public static Optional<RequirementOption> parse(String text) {
        String canonical = text.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("[\\s-]+", "_").toUpperCase(Locale.ROOT);
        for (RequirementOption o : values()) {
            if (o.name().equals(canonical)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}

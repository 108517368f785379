package dev.auscult.server.service;

import java.util.List;

/** Who an activation send or a code export is for: JupiterOne's three choices. */
public sealed interface Audience {

    /** Every active person of the account. */
    record Everyone() implements Audience {
    }

    /** Active people with no device that reports (never activated, or all devices revoked). */
    record WithoutDevice() implements Audience {
    }

    /**
     * The listed addresses. An address not in People is reported, not mailed — a typo must not become a new
     * person with a code — unless {@code addUnknown}, when it is added to People first.
     */
    record Listed(List<String> emails, boolean addUnknown) implements Audience {
        public Listed {
            emails = List.copyOf(emails);
        }

        public Listed(List<String> emails) {
            this(emails, false);
        }
    }

    default String describe() {
        return switch (this) {
            case Everyone e -> "everyone";
            case WithoutDevice w -> "people without a device";
            case Listed l -> l.emails().size() + " listed address" + (l.emails().size() == 1 ? "" : "es");
        };
    }
}

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

    /** The listed addresses; unknown ones are added to the directory. */
    record Listed(List<String> emails) implements Audience {
        public Listed {
            emails = List.copyOf(emails);
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

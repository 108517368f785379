package dev.auscult.policy;

import java.util.Optional;

/** The OS versions that pass ({@code ok}) and that only nudge ({@code nudge}) on one platform. */
public record OsVersionBracket(VersionRange ok, Optional<VersionRange> nudge) {

    public String describe() {
        return "ok " + ok.text() + nudge.map(n -> ", nudge " + n.text()).orElse("");
    }
}
